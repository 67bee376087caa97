package dev.flagpost.config;

import java.time.Duration;

/**
 * Flagpost's token cache ({@code flagpost.auth.cache.ttl}, default 10s, 0 turns it off;
 * {@code flagpost.auth.cache.size}, default 10000). The TTL bounds how long a token deleted on
 * another node stays usable here.
 */
public record CacheSettings(Duration ttl, int size) {
    public static final CacheSettings DEFAULT = new CacheSettings(Duration.ofSeconds(10), 10_000);

    public CacheSettings {
        if (ttl.isNegative()) {
            throw InvalidConfigException.of("ttl", "must not be negative", "use e.g. 10s, or 0 to turn the cache off");
        }
    }
}
