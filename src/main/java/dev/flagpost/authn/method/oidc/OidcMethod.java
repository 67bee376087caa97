package dev.flagpost.authn.method.oidc;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.session.LoginState;
import dev.flagpost.authn.session.SessionIssuer;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The OIDC login flow over any number of providers: authorize (fresh state, nonce and PKCE verifier
 * per flow, kept server-side) and callback (state bound to the browser, single use, per provider;
 * code exchange; ID-token validation; {@code email_matches}), ending in a session.
 */
public final class OidcMethod implements AuthMethod {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");
    static final String META_PREFIX = "io.flipt.auth.oidc.";
    public static final String META_PROVIDER = META_PREFIX + "provider";
    public static final String META_EMAIL = META_PREFIX + "email";
    private static final List<String> COPIED_CLAIMS = List.of("email", "email_verified", "name", "profile", "picture", "sub", "preferred_username");

    private final OidcMethodConfig config;
    private final Map<String, OidcProvider> providers = new LinkedHashMap<>();
    private final List<Pattern> emailPatterns;
    private final LoginFlows flows;
    private final SessionIssuer sessions;

    public OidcMethod(OidcMethodConfig config, LoginFlows flows, SessionIssuer sessions, Clock clock) {
        this.config = config;
        this.flows = flows;
        this.sessions = sessions;
        this.emailPatterns = config.emailPatterns();
        config.providers().forEach((name, p) -> providers.put(name, new OidcProvider(p, clock)));
    }

    /** What the authorize route answers: the provider URL, and the state cookie bound to this flow. */
    public record Authorize(URI authorizeUrl, String encodedState, String callbackPath) {
    }

    @Override
    public Method method() {
        return Method.OIDC;
    }

    public Optional<OidcProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public Authorize authorize(OidcProvider provider, String originalState) {
        LoginState state = LoginState.fresh(originalState);
        String encoded = state.encode();
        String nonce = LoginState.randomToken();
        String verifier = provider.config().usePkce() ? LoginState.randomToken() + LoginState.randomToken() : null;
        // Ask the provider first: when it is down nothing is stored and the caller gets a 503.
        URI url = provider.authorizationUrl(encoded, nonce, verifier);
        flows.begin(state.securityToken(), new LoginFlows.Flow(Method.OIDC, provider.config().name(), nonce, verifier));
        return new Authorize(url, encoded, provider.config().callbackPath());
    }

    /**
     * Finishes a login. {@link OidcProvider.Rejected} for anything the browser or provider got
     * wrong (no session); {@link OidcProvider.Unavailable} when the provider could not be asked.
     */
    public SessionIssuer.Session callback(OidcProvider provider, String code, String stateParameter, String stateCookie, String error) {
        String name = provider.config().name();
        LoginState state = LoginState.verify(stateParameter, stateCookie)
                .orElseThrow(() -> new OidcProvider.Rejected("the login state is missing or does not match this browser's; start the login again"));
        LoginFlows.Flow flow = flows.consume(state.securityToken(), Method.OIDC, name)
                .orElseThrow(() -> new OidcProvider.Rejected("the login state is unknown, expired or already used; start the login again"));
        if (error != null && !error.isEmpty()) {
            throw new OidcProvider.Rejected("the provider ended the login with error \"" + abbreviate(error) + "\"");
        }
        if (code == null || code.isEmpty()) {
            throw new OidcProvider.Rejected("the callback carries no authorization code");
        }
        IDTokenClaimsSet claims = provider.login(code, flow.nonce(), flow.codeVerifier());
        String email = claims.getStringClaim("email");
        if (!emailPatterns.isEmpty()) {
            if (Boolean.FALSE.equals(claims.getBooleanClaim("email_verified"))) {
                throw new OidcProvider.Rejected("the provider says the email address is not verified, so email_matches cannot be applied");
            }
            if (!emailAllowed(email)) {
                AUDIT.info(() -> "oidc login refused: provider=" + name + " sub=" + claims.getSubject() + ": email does not match email_matches");
                throw new OidcProvider.Rejected("the email address " + (email == null ? "(none)" : email)
                        + " is not allowed by authentication.methods.oidc.email_matches");
            }
        }
        SessionIssuer.Session session = sessions.issue(Method.OIDC, metadata(name, claims));
        AUDIT.info(() -> "oidc login: provider=" + name + " sub=" + claims.getSubject() + " session=" + session.authentication().id());
        return session;
    }

    /** {@code email_matches}, Go's {@code MatchString} semantics (anywhere, unless anchored); no patterns = anyone. */
    public boolean emailAllowed(String email) {
        if (emailPatterns.isEmpty()) {
            return true;
        }
        return email != null && emailPatterns.stream().anyMatch(p -> p.matcher(email).find());
    }

    /** Per request: an OIDC session whose email no longer passes {@code email_matches} stops working. */
    public boolean stillAllowed(Authentication a) {
        return a.method() != Method.OIDC || emailAllowed(a.metadata().get(META_EMAIL));
    }

    @Override
    public String refusal(Authentication a) {
        return stillAllowed(a) ? null : "the session's email no longer matches authentication.methods.oidc.email_matches";
    }

    @Override
    public Optional<URI> logoutRedirect(Authentication a) {
        return Optional.ofNullable(endSessionUri(a));
    }

    /** RP-initiated logout URL for an OIDC session, or null. */
    public URI endSessionUri(Authentication a) {
        OidcProvider p = providers.get(a.metadata().get(META_PROVIDER));
        if (p == null) {
            return null;
        }
        URI end;
        try {
            end = p.endSessionUri();
        } catch (OidcProvider.Unavailable e) {
            return null;
        }
        if (end == null) {
            return null;
        }
        String sep = end.getQuery() == null ? "?" : "&";
        return URI.create(end + sep + "client_id=" + encode(p.config().clientId())
                + "&post_logout_redirect_uri=" + encode(p.config().redirectAddress() + "/"));
    }

    /** {@code GET /auth/v1/method} metadata: each provider's routes, under the proxy prefix. */
    @Override
    public Map<String, Object> listingMetadata(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        providers.forEach((name, p) -> out.put(name, Map.of(
                "authorize_url", prefix + p.config().authorizePath(),
                "callback_url", prefix + p.config().callbackPath())));
        return Map.of("providers", out);
    }

    static Map<String, String> metadata(String provider, IDTokenClaimsSet claims) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(META_PROVIDER, provider);
        for (String claim : COPIED_CLAIMS) {
            Object v = claims.getClaim(claim);
            if (v != null) {
                m.put(META_PREFIX + claim, String.valueOf(v));
            }
        }
        for (String shared : List.of("email", "name", "picture")) {
            Object v = claims.getClaim(shared);
            if (v != null) {
                m.put("io.flipt.auth." + shared, String.valueOf(v));
            }
        }
        m.put("io.flipt.auth.claims", claims.toJSONObject().entrySet().stream()
                .filter(e -> !e.getKey().equals("nonce"))
                .collect(java.util.stream.Collectors.collectingAndThen(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new),
                        com.nimbusds.jose.util.JSONObjectUtils::toJSONString)));
        return m;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_ .-]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
