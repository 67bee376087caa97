package dev.flagpost.authn.method.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One configured OpenID provider, spoken to through the Nimbus OAuth2/OIDC SDK: discovery (issuer
 * must equal the configured one), authorization URL, code exchange and ID-token validation. The
 * discovery document is cached; the JWKS is cached by Nimbus and refetched, rate limited, when a
 * token names an unknown key (key rotation).
 */
public final class OidcProvider {
    /** Asymmetric algorithms only: never {@code none}, never HS* keyed with the client secret. */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final Duration METADATA_TTL = Duration.ofMinutes(10);
    static final int TIMEOUT_MS = 5_000;
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    /** The provider could not be reached or answered nonsense: nothing was decided about the user. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider or the browser presented something we refuse: no session. */
    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetchedAt) {
    }

    private final OidcProviderConfig config;
    private final Clock clock;
    private volatile Discovered discovered;

    public OidcProvider(OidcProviderConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public OidcProviderConfig config() {
        return config;
    }

    /** The URL the browser is sent to; {@code codeVerifier} null when PKCE is off. */
    public URI authorizationUrl(String state, String nonce, String codeVerifier) {
        OIDCProviderMetadata m = discovered().metadata();
        AuthenticationRequest.Builder b = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(config.requestedScopes().toArray(String[]::new)), new ClientID(config.clientId()), config.callbackUri())
                .endpointURI(m.getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce));
        if (codeVerifier != null) {
            b.codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        }
        return b.build().toURI();
    }

    /** Exchanges the code and validates the ID token (signature, iss, aud, exp, iat, nonce). */
    public IDTokenClaimsSet login(String code, String nonce, String codeVerifier) {
        Discovered d = discovered();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), config.callbackUri(),
                codeVerifier == null ? null : new CodeVerifier(codeVerifier));
        TokenRequest request = new TokenRequest(d.metadata().getTokenEndpointURI(), clientAuthentication(d.metadata()), grant);
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new Unavailable("the token endpoint of OIDC provider \"" + config.name() + "\" could not be reached: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new Unavailable("OIDC provider \"" + config.name() + "\" answered the token request with something that is not a token response", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            if (error.getHTTPStatusCode() >= 500) {
                throw new Unavailable("OIDC provider \"" + config.name() + "\" failed the token request (" + error.getHTTPStatusCode() + ")", null);
            }
            throw new Rejected("the provider refused the authorization code: " + error.getCode());
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new Rejected("the provider returned no ID token");
        }
        try {
            return d.validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw new Rejected("the ID token is not valid: " + e.getMessage());
        } catch (JOSEException e) {
            // Key retrieval failed (JWKS down with nothing cached): not a verdict on the token.
            throw new Unavailable("the signing keys of OIDC provider \"" + config.name() + "\" could not be fetched: " + e.getMessage(), e);
        }
    }

    /** RP-initiated logout target, when the provider offers one and it is configured. */
    public URI endSessionUri() {
        if (!config.useEndSessionEndpoint()) {
            return null;
        }
        return discovered().metadata().getEndSessionEndpointURI();
    }

    private ClientAuthentication clientAuthentication(OIDCProviderMetadata m) {
        List<ClientAuthenticationMethod> supported = m.getTokenEndpointAuthMethods();
        ClientID id = new ClientID(config.clientId());
        Secret secret = new Secret(config.clientSecret());
        // client_secret_basic is the spec's default; use post only when it is all the provider offers.
        if (supported != null && !supported.isEmpty() && !supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(id, secret);
        }
        return new ClientSecretBasic(id, secret);
    }

    private Discovered discovered() {
        Discovered d = discovered;
        if (d != null && clock.instant().isBefore(d.fetchedAt().plus(METADATA_TTL))) {
            return d;
        }
        synchronized (this) {
            d = discovered;
            if (d != null && clock.instant().isBefore(d.fetchedAt().plus(METADATA_TTL))) {
                return d;
            }
            try {
                d = discover();
                discovered = d;
                return d;
            } catch (Unavailable e) {
                // A provider outage must not end logins that already have what they need.
                if (d != null) {
                    return d;
                }
                throw e;
            }
        }
    }

    private Discovered discover() {
        OIDCProviderMetadata m;
        try {
            // resolve() also checks that the document's issuer is exactly the configured one.
            m = OIDCProviderMetadata.resolve(new Issuer(config.issuerUrl()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (GeneralException | IOException e) {
            throw new Unavailable("OIDC provider \"" + config.name() + "\" is unavailable: discovery at " + config.issuerUrl()
                    + "/.well-known/openid-configuration failed: " + e.getMessage(), e);
        }
        List<JWSAlgorithm> algs = m.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256)
                : m.getIDTokenJWSAlgs().stream().filter(ALLOWED::contains).toList();
        if (algs.isEmpty() || m.getJWKSetURI() == null) {
            throw new Unavailable("OIDC provider \"" + config.name() + "\" offers no supported ID-token signature (need RS*, PS* or ES* and a jwks_uri)", null);
        }
        URL jwks;
        try {
            jwks = m.getJWKSetURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new Unavailable("OIDC provider \"" + config.name() + "\" has an invalid jwks_uri", e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks, new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                .cache(Duration.ofMinutes(10).toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(Duration.ofSeconds(30).toMillis())
                .build();
        IDTokenValidator validator = new IDTokenValidator(m.getIssuer(), new ClientID(config.clientId()),
                new JWSVerificationKeySelector<>(Set.copyOf(algs), keys), null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return new Discovered(m, validator, clock.instant());
    }
}
