package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.ClientConfigStore;

import java.time.Clock;
import java.util.Objects;

/** Base for user flows (PKCE, device): renew with the refresh_token grant when we have one. */
public abstract class RefreshingAuthenticator implements Authenticator {
    protected final ClientConfigStore configStore;
    protected final Clock clock;

    protected RefreshingAuthenticator(ClientConfigStore configStore, Clock clock) {
        this.configStore = Objects.requireNonNull(configStore, "configStore");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Credentials refresh(Credentials current) {
        if (current == null || !current.hasRefreshToken()) {
            throw new AccessTokenNotFoundException("no refresh token is stored; run `flagpost login` again");
        }
        ClientConfig config = configStore.get();
        TokenRequest.Builder request = new TokenRequest.Builder(
                config.require(config.tokenEndpoint(), "token endpoint"),
                new ClientID(config.require(config.clientId(), "client id")),
                new RefreshTokenGrant(new RefreshToken(current.refreshToken())));
        if (!config.scopes().isEmpty()) {
            request.scope(Scope.parse(config.scopes()));
        }
        try {
            Credentials renewed = TokenEndpoint.exchange(request.build(), config, clock);
            // RFC 6749 §6: the IdP may keep the old refresh token valid without sending it again.
            return renewed.hasRefreshToken() ? renewed : renewed.withRefreshToken(current.refreshToken());
        } catch (TokenErrorException e) {
            if (e.isTransient()) {
                throw e;
            }
            throw new AccessTokenNotFoundException("the refresh token was refused (" + e.code()
                    + "); run `flagpost login` again", e);
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }
}
