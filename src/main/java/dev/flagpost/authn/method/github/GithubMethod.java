package dev.flagpost.authn.method.github;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.session.LoginState;
import dev.flagpost.authn.session.SessionIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Login with GitHub: OAuth authorization code (state mandatory, PKCE optional), then the user, their
 * primary verified email when the profile has none, and, when configured, their organizations and
 * teams, checked against {@code allowed_organizations} / {@code allowed_teams} before a session exists.
 */
public final class GithubMethod implements AuthMethod {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");
    static final String META = "io.flipt.auth.github.";
    static final String PROVIDER = "github";

    /** The browser or GitHub presented something we refuse: 401, no session. */
    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    /** GitHub could not be asked or answered with an error: 502, no session. */
    public static final class UpstreamFailure extends RuntimeException {
        UpstreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final GithubMethodConfig config;
    private final LoginFlows flows;
    private final SessionIssuer sessions;
    private final GithubApi api;

    public GithubMethod(GithubMethodConfig config, LoginFlows flows, SessionIssuer sessions) {
        this.config = config;
        this.flows = flows;
        this.sessions = sessions;
        this.api = new GithubApi(config.apiUrl(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public record Authorize(URI authorizeUrl, String encodedState) {
    }

    public Authorize authorize(String originalState) {
        LoginState state = LoginState.fresh(originalState);
        String encoded = state.encode();
        String verifier = config.usePkce() ? LoginState.randomToken() + LoginState.randomToken() : null;
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(config.clientId()))
                .endpointURI(URI.create(config.serverUrl() + "/login/oauth/authorize"))
                .redirectionURI(config.callbackUri())
                .state(new State(encoded));
        if (!config.scopes().isEmpty()) {
            b.scope(new Scope(config.scopes().toArray(String[]::new)));
        }
        if (verifier != null) {
            b.codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256);
        }
        // GitHub has no nonce (no ID token); the column holds a placeholder.
        flows.begin(state.securityToken(), new LoginFlows.Flow(Method.GITHUB, PROVIDER, "-", verifier));
        return new Authorize(b.build().toURI(), encoded);
    }

    public SessionIssuer.Session callback(String code, String stateParameter, String stateCookie, String error) {
        LoginState state = LoginState.verify(stateParameter, stateCookie)
                .orElseThrow(() -> new Rejected("the login state is missing or does not match this browser's; start the login again"));
        LoginFlows.Flow flow = flows.consume(state.securityToken(), Method.GITHUB, PROVIDER)
                .orElseThrow(() -> new Rejected("the login state is unknown, expired or already used; start the login again"));
        if (error != null && !error.isEmpty()) {
            throw new Rejected("GitHub ended the login with error \"" + error.replaceAll("[^A-Za-z0-9_ .-]", "?") + "\"");
        }
        if (code == null || code.isEmpty()) {
            throw new Rejected("the callback carries no authorization code");
        }
        String token = exchange(code, flow.codeVerifier());
        try {
            GithubApi.User user = api.user(token);
            String email = user.email() != null ? user.email() : api.primaryVerifiedEmail(token).orElse(null);
            Map<String, String> metadata = new LinkedHashMap<>();
            put(metadata, META + "email", email);
            put(metadata, META + "name", user.name());
            put(metadata, META + "picture", user.avatarUrl());
            put(metadata, META + "sub", user.id());
            put(metadata, META + "preferred_username", user.login());
            put(metadata, "io.flipt.auth.email", email);
            put(metadata, "io.flipt.auth.name", user.name());
            put(metadata, "io.flipt.auth.picture", user.avatarUrl());
            if (!config.allowedOrganizations().isEmpty()) {
                List<String> orgs = api.organizations(token);
                Map<String, List<String>> teams = config.allowedTeams().isEmpty() ? null : api.teams(token);
                metadata.put(META + "organizations", com.nimbusds.jose.util.JSONArrayUtils.toJSONString(orgs));
                if (teams != null) {
                    metadata.put(META + "teams", JSONObjectUtils.toJSONString(new LinkedHashMap<>(teams)));
                }
                if (!allowed(orgs, teams)) {
                    AUDIT.info(() -> "github login refused: " + user.login() + " is not in an allowed organization or team");
                    throw new Rejected("the GitHub user " + user.login()
                            + " is not a member of an allowed organization or team (authentication.methods.github.allowed_organizations / allowed_teams)");
                }
            }
            SessionIssuer.Session session = sessions.issue(Method.GITHUB, metadata);
            AUDIT.info(() -> "github login: " + user.login() + " session=" + session.authentication().id());
            return session;
        } catch (GithubApi.Failure e) {
            throw new UpstreamFailure(e.getMessage(), e);
        }
    }

    /**
     * Flipt's rule: some allowed organization the user belongs to, and if that organization has
     * teams configured, one of those teams. GitHub logins and slugs are case-insensitive, so are we.
     */
    boolean allowed(List<String> userOrgs, Map<String, List<String>> userTeams) {
        for (String org : config.allowedOrganizations()) {
            if (userOrgs.stream().noneMatch(org::equalsIgnoreCase)) {
                continue;
            }
            List<String> required = config.allowedTeams().get(org);
            if (required == null || required.isEmpty()) {
                return true;
            }
            List<String> mine = userTeams == null ? List.of() : userTeams.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(org)).flatMap(e -> e.getValue().stream()).toList();
            if (required.stream().anyMatch(t -> mine.stream().anyMatch(t::equalsIgnoreCase))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Method method() {
        return Method.GITHUB;
    }

    @Override
    public Map<String, Object> listingMetadata(String prefix) {
        return Map.of("authorize_url", prefix + GithubMethodConfig.AUTHORIZE_PATH, "callback_url", prefix + GithubMethodConfig.CALLBACK_PATH);
    }

    private String exchange(String code, String verifier) {
        TokenRequest request = new TokenRequest(URI.create(config.serverUrl() + "/login/oauth/access_token"),
                new ClientSecretPost(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), config.callbackUri(), verifier == null ? null : new CodeVerifier(verifier)));
        HTTPResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setAccept("application/json");
            http.setConnectTimeout(5_000);
            http.setReadTimeout(10_000);
            response = http.send();
        } catch (IOException e) {
            throw new UpstreamFailure("GitHub's token endpoint could not be reached: " + e.getMessage(), e);
        }
        Map<String, Object> json;
        try {
            json = response.getBodyAsJSONObject();
        } catch (ParseException e) {
            throw new UpstreamFailure("GitHub's token endpoint answered " + response.getStatusCode() + " without JSON", e);
        }
        // GitHub reports a bad code as 200 with an "error" member.
        if (json.get("error") instanceof String err) {
            if (response.getStatusCode() >= 500) {
                throw new UpstreamFailure("GitHub's token endpoint failed (" + response.getStatusCode() + "): " + err, null);
            }
            throw new Rejected("GitHub refused the authorization code: " + err.replaceAll("[^A-Za-z0-9_ .-]", "?"));
        }
        if (response.getStatusCode() != 200 || !(json.get("access_token") instanceof String token) || token.isEmpty()) {
            throw new UpstreamFailure("GitHub's token endpoint answered " + response.getStatusCode() + " without an access token", null);
        }
        return token;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

}
