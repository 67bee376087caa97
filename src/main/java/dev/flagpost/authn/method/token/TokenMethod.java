package dev.flagpost.authn.method.token;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.ConfiguredAuthentications;
import java.time.Instant;

/** The running token method: creates client tokens on request and knows the static ones. */
public final class TokenMethod implements AuthMethod {
    private final TokenCreator creator;
    private final StaticTokens statics;

    public TokenMethod(TokenMethodConfig config, TokenCreator creator, Instant loadedAt) {
        this.creator = creator;
        this.statics = new StaticTokens(config, loadedAt);
    }

    @Override
    public Method method() {
        return Method.TOKEN;
    }

    public TokenCreator creator() {
        return creator;
    }

    @Override
    public ConfiguredAuthentications configured() {
        return statics;
    }
}
