package dev.flagpost.authn.method.token;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethods;
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

    /** The running token method's creator; NOT_FOUND (404 / gRPC 5) for HTTP and gRPC alike when the method is off. */
    static TokenCreator creatorOf(AuthMethods methods) {
        return methods.running(TokenMethod.class)
                .orElseThrow(() -> FliptException.notFound("the token authentication method is not enabled")).creator;
    }

    @Override
    public ConfiguredAuthentications configured() {
        return statics;
    }
}
