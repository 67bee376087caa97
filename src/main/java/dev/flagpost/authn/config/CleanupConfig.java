package dev.flagpost.authn.config;

import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.InvalidConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * How often expired authentications of one method are deleted, and how long after expiry they
 * are kept for audit. Defaults (Flipt's): interval 1h, grace period 30m; both must be positive.
 */
public record CleanupConfig(Duration interval, Duration gracePeriod) {
    public static final CleanupConfig DEFAULT = new CleanupConfig(Duration.ofHours(1), Duration.ofMinutes(30));

    public CleanupConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (interval.isNegative() || interval.isZero()) {
            throw InvalidConfigException.of("cleanup.interval", "positive non-zero duration required", "for example 1h");
        }
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw InvalidConfigException.of("cleanup.grace_period", "positive non-zero duration required", "for example 30m");
        }
    }

    /** Reads {@code <methodPrefix>.cleanup.interval} and {@code .grace_period}; a problem is reported and the default kept. */
    public static CleanupConfig bind(ConfigReader r, String methodPrefix) {
        return r.build(methodPrefix, () -> new CleanupConfig(
                r.duration(methodPrefix + ".cleanup.interval", DEFAULT.interval()),
                r.duration(methodPrefix + ".cleanup.grace_period", DEFAULT.gracePeriod())), DEFAULT);
    }
}
