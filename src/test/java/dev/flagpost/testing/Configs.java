package dev.flagpost.testing;

import dev.flagpost.config.FlagpostConfig;
import dev.flagpost.config.FliptYamlConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Real MicroProfile Config (SmallRye) over a YAML text, with the application's converters, as the server builds it. */
public final class Configs {
    private Configs() {
    }

    public static Config of(String yaml, Map<String, String> env) {
        return new SmallRyeConfigBuilder().addDiscoveredConverters().withSources(FliptYamlConfigSource.ofYaml(yaml, env)).build();
    }

    public static FlagpostConfig load(String yaml) {
        return FlagpostConfig.load(of(yaml, Map.of()));
    }
}
