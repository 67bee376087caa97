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
        DatabaseConfig db = DatabaseConfigBinder.bind(r);
        CacheSettings cache = r.build("flagpost.auth.cache", () -> new CacheSettings(
                r.duration("flagpost.auth.cache.ttl", CacheSettings.DEFAULT.ttl()),
                r.integer("flagpost.auth.cache.size", CacheSettings.DEFAULT.size(), 1, 10_000_000)), CacheSettings.DEFAULT);
        r.throwIfInvalid();
        return new FlagpostConfig(auth, db, cache);
    }
}
