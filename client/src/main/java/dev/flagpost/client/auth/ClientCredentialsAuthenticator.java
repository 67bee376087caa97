package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.ClientConfigStore;

import java.time.Clock;
import java.util.Objects;

/**
 * Client credentials grant for machines. Authenticates with HTTP Basic where Nimbus form-url-encodes
 * both the client id and the secret (RFC 6749 §2.3.1; flytekit encoded only the secret). There is
 * no refresh token: renewing means asking again.
 */
public final class ClientCredentialsAuthenticator implements Authenticator {
    private final ClientConfigStore configStore;
    private final String clientId;
    private final Secret secret;
    private final Clock clock;

    /** @param clientId overrides the config's client id when not null (machines often have their own) */
    public ClientCredentialsAuthenticator(ClientConfigStore configStore, String clientId, String secret, Clock clock) {
        this.configStore = Objects.requireNonNull(configStore, "configStore");
        this.clientId = clientId;
        this.secret = new Secret(Objects.requireNonNull(secret, "client secret"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Credentials authenticate() {
        ClientConfig config = configStore.get();
        String id = clientId != null ? clientId : config.require(config.clientId(), "client id");
        TokenRequest.Builder request = new TokenRequest.Builder(config.require(config.tokenEndpoint(), "token endpoint"),
                new ClientSecretBasic(new ClientID(id), secret), new ClientCredentialsGrant());
        if (!config.scopes().isEmpty()) {
            request.scope(Scope.parse(config.scopes()));
        }
        if (config.audience() != null) {
            request.customParameter("audience", config.audience());
        }
        try {
            return TokenEndpoint.exchange(request.build(), config, clock);
        } catch (TokenErrorException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new AuthenticationException(e.getMessage() + "; check the client id and secret", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuthenticator[clientId=" + clientId + "]";
    }
}
