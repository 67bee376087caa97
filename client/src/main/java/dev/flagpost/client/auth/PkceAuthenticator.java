package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.ClientConfigStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Authorization code + PKCE (S256) through the browser and a loopback receiver. Every login gets a
 * fresh state and verifier (flytekit reused them for the whole process).
 */
public final class PkceAuthenticator extends RefreshingAuthenticator {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private final BrowserLauncher browser;
    private final Duration timeout;

    public PkceAuthenticator(ClientConfigStore configStore, BrowserLauncher browser, Duration timeout, Clock clock) {
        super(configStore, clock);
        this.browser = Objects.requireNonNull(browser, "browser");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public PkceAuthenticator(ClientConfigStore configStore) {
        this(configStore, BrowserLauncher.system(System.err), DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    @Override
    public Credentials authenticate() {
        ClientConfig config = configStore.get();
        ClientID clientId = new ClientID(config.require(config.clientId(), "client id"));
        config.require(config.authorizationEndpoint(), "authorization endpoint");
        config.require(config.tokenEndpoint(), "token endpoint");
        State state = new State(); // 256 bits from SecureRandom
        CodeVerifier verifier = new CodeVerifier(); // 256 bits from SecureRandom, 43 chars base64url
        try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectUri(), state)) {
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE, clientId)
                    .endpointURI(config.authorizationEndpoint())
                    .redirectionURI(receiver.redirectUri())
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256);
            if (!config.scopes().isEmpty()) {
                request.scope(Scope.parse(config.scopes()));
            }
            if (config.audience() != null) {
                request.customParameter("audience", config.audience());
            }
            browser.open(request.build().toURI());
            AuthorizationCode code = receiver.await(timeout);
            TokenRequest.Builder token = new TokenRequest.Builder(config.tokenEndpoint(), clientId,
                    new AuthorizationCodeGrant(code, receiver.redirectUri(), verifier));
            return TokenEndpoint.exchange(token.build(), config, clock);
        }
    }
}
