package dev.flagpost.authn.method.token;

import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.config.InvalidConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code authentication.methods.token}: client tokens created through the API, the bootstrap token
 * made on first start, and static tokens written in the config (Flipt v2's {@code storage.tokens}).
 */
public record TokenMethodConfig(boolean enabled, Bootstrap bootstrap, Map<String, StaticToken> staticTokens,
                                CleanupConfig cleanup) implements MethodConfig {

    public TokenMethodConfig {
        staticTokens = staticTokens == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(staticTokens));
        Map<String, String> seen = new HashMap<>();
        for (StaticToken t : staticTokens.values()) {
            String earlier = seen.putIfAbsent(t.credential(), t.id());
            if (earlier != null) {
                throw InvalidConfigException.of("storage.tokens." + t.id() + ".credential",
                        "the same credential is configured for token \"" + earlier + "\"",
                        "give every static token its own credential (openssl rand -hex 32)");
            }
        }
    }

    public static TokenMethodConfig disabled() {
        return new TokenMethodConfig(false, Bootstrap.NONE, Map.of(), CleanupConfig.DEFAULT);
    }

    /**
     * The bootstrap token: created at start when no token authentication exists.
     *
     * @param token      the plaintext to use, or null for a generated one
     * @param expiration how long it lives, or null/zero for never
     */
    public record Bootstrap(String token, Duration expiration, Map<String, String> metadata) {
        public static final Bootstrap NONE = new Bootstrap(null, null, Map.of());

        public Bootstrap {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            if (expiration != null && expiration.isNegative()) {
                throw InvalidConfigException.of("bootstrap.expiration", "must not be negative", "use e.g. 24h, or leave it out for no expiry");
            }
            if (token != null && token.isBlank()) {
                token = null;
            }
        }
    }

    /** A token fixed in the config. Its id is the key it is written under; it never expires and cannot be deleted by API. */
    public record StaticToken(String id, String credential, Map<String, String> metadata) {
        public StaticToken {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            if (credential == null || credential.isBlank()) {
                throw InvalidConfigException.of("storage.tokens." + id + ".credential", "non-empty value is required",
                        "generate one with `openssl rand -hex 32`, preferably given as ${env:VAR}");
            }
        }
    }
}
