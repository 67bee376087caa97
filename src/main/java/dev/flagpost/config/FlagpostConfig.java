package dev.flagpost.config;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.config.AuthenticationConfigBinder;
import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.persistence.DatabaseConfigBinder;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Everything Flagpost reads at start, validated as a whole. */
public record FlagpostConfig(AuthenticationConfig authentication, DatabaseConfig database, CacheSettings cache) {

    /** Binds and validates; @throws InvalidConfigException listing every problem with its key */
    public static FlagpostConfig load(Config config) {
        ConfigReader r = new ConfigReader(config);
        List<String> fileKeys = List.of();
        for (ConfigSource s : config.getConfigSources()) {
            if (s instanceof FliptYamlConfigSource yaml) {
                r.addAll(yaml.problems());
                fileKeys = List.copyOf(yaml.getPropertyNames());
                if (yaml.problems().stream().anyMatch(p -> p.key().equals(FliptYamlConfigSource.CONFIG_ENV))) {
                    // The file itself is missing or unreadable: whatever else would be said follows from that.
                    r.throwIfInvalid();
                }
            }
        }
        AuthenticationConfig auth = AuthenticationConfigBinder.bind(r, fileKeys);
        checkAuthorization(r, auth);
        DatabaseConfig db = DatabaseConfigBinder.bind(r);
        CacheSettings cache = r.build("flagpost.auth.cache", () -> new CacheSettings(
                r.duration("flagpost.auth.cache.ttl", CacheSettings.DEFAULT.ttl()),
                r.integer("flagpost.auth.cache.size", CacheSettings.DEFAULT.size(), 1, 10_000_000)), CacheSettings.DEFAULT);
        r.throwIfInvalid();
        return new FlagpostConfig(auth, db, cache);
    }

    /**
     * Flipt refuses {@code authorization.required} without {@code authentication.required}; Flagpost
     * refuses it in any case until it enforces policies — accepting it would let every
     * authenticated caller do what the operator meant to restrict.
     */
    private static void checkAuthorization(ConfigReader r, AuthenticationConfig auth) {
        if (!r.bool("authorization.required", false)) {
            return;
        }
        if (auth != null && !auth.required()) {
            r.problem("authorization.required", "authorization requires authentication also be required",
                    "set authentication.required: true, or remove authorization.required");
        } else {
            r.problem("authorization.required", "Flagpost does not enforce authorization policies yet (every authenticated caller"
                    + " may use the whole API)", "remove authorization.required; restrict callers with namespace-scoped tokens meanwhile");
        }
    }
}
