package dev.flagpost.authn.method.token;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.authn.method.token.TokenMethodConfig.Bootstrap;
import dev.flagpost.authn.method.token.TokenMethodConfig.StaticToken;
import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.GoJson;
import io.grpc.BindableService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code authentication.methods.token}: client tokens created by API, the bootstrap token, static tokens from the config. */
public final class TokenMethodFactory implements AuthMethodFactory<TokenMethodConfig> {
    @Override
    public Method method() {
        return Method.TOKEN;
    }

    @Override
    public boolean sessionCompatible() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("bootstrap.token", "bootstrap.expiration", "bootstrap.metadata.**",
                "storage.tokens.*.credential", "storage.tokens.*.metadata.**");
    }

    @Override
    public TokenMethodConfig bind(ConfigReader r, String p) {
        boolean enabled = r.bool(p + ".enabled", false);
        return r.build(p, () -> {
            Bootstrap bootstrap = r.build(p, () -> new Bootstrap(r.string(p + ".bootstrap.token", null),
                    r.duration(p + ".bootstrap.expiration", null), r.stringMap(p + ".bootstrap.metadata")), Bootstrap.NONE);
            Map<String, StaticToken> statics = new LinkedHashMap<>();
            // Sorted, so that a duplicate credential is always reported on the later id.
            for (String id : new TreeSet<>(r.children(p + ".storage.tokens"))) {
                String tp = p + ".storage.tokens." + id;
                StaticToken t = r.build(p, () -> new StaticToken(id, r.string(tp + ".credential", null), r.stringMap(tp + ".metadata")), null);
                if (t != null) {
                    statics.put(id, t);
                }
            }
            return new TokenMethodConfig(enabled, bootstrap, statics, CleanupConfig.bind(r, p));
        }, new TokenMethodConfig(enabled, Bootstrap.NONE, Map.of(), CleanupConfig.DEFAULT));
    }

    @Override
    public AuthMethod start(TokenMethodConfig config, MethodContext context) {
        TokenMethod method = new TokenMethod(config, context.tokens(), context.clock().instant());
        BootstrapToken.ensure(config, context.store(), context.tokens(), context.clock(), System.out);
        return method;
    }

    @Override
    public Map<String, Object> view(TokenMethodConfig config) {
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        GoJson.put(bootstrap, "expiration", config.bootstrap().expiration());
        GoJson.put(bootstrap, "metadata", config.bootstrap().metadata());
        return Map.of("bootstrap", bootstrap);
    }

    @Override
    public List<BindableService> grpcServices() {
        return List.of(new TokenMethodGrpcService());
    }
}
