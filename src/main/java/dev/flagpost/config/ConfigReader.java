package dev.flagpost.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;

/**
 * Reads typed values by key and collects every problem (with its key) instead of stopping at the
 * first, so that one start-up reports all of them. Values are taken from MicroProfile Config, so
 * server.xml variables, system properties and the environment override config.yaml as usual.
 */
public final class ConfigReader {
    private final Config config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private final org.eclipse.microprofile.config.spi.Converter<Duration> durations;

    public ConfigReader(Config config) {
        this.config = config;
        // MicroProfile Config's Duration converter: GoDurationConverter, registered with the application.
        this.durations = config.getConverter(Duration.class).orElse(GoDurationConverter.INSTANCE);
    }

    public Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    public String string(String key, String fallback) {
        return raw(key).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "\"" + v.get() + "\" is not a boolean", "write true or false");
                yield fallback;
            }
        };
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                problem(key, i + " is out of range", "use a whole number from " + min + " to " + max);
                return fallback;
            }
            return i;
        } catch (NumberFormatException e) {
            problem(key, "\"" + v.get() + "\" is not a whole number", "use a whole number from " + min + " to " + max);
            return fallback;
        }
    }

    public Duration duration(String key, Duration fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return durations.convert(v.get());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage(), "for example " + GoDuration.format(fallback == null ? Duration.ofHours(1) : fallback));
            return fallback;
        }
    }

    /** A YAML list (flattened to MicroProfile's comma form, with {@code \,} escapes). */
    public List<String> list(String key) {
        return raw(key).map(s -> Arrays.stream(s.split("(?<!\\\\),"))
                        .map(x -> x.replace("\\,", ",").strip()).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Names directly under {@code prefix} ({@code a.b} → {@code c} for {@code a.b.c.d}), in first-seen order. */
    public Set<String> children(String prefix) {
        Set<String> out = new LinkedHashSet<>();
        String p = prefix + ".";
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(p)) {
                String rest = name.substring(p.length());
                int dot = rest.indexOf('.');
                String child = dot < 0 ? rest : rest.substring(0, dot);
                if (!child.isEmpty() && !child.contains("[")) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    /** A map of strings under {@code prefix}, keys as written (case kept). */
    public Map<String, String> stringMap(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String child : children(prefix)) {
            raw(prefix + "." + child).ifPresent(v -> out.put(child, v));
        }
        return out;
    }

    /** Builds a config record; a problem it raises is re-rooted under {@code prefix} and kept. */
    public <T> T build(String prefix, Supplier<T> constructor, T fallback) {
        try {
            return constructor.get();
        } catch (InvalidConfigException e) {
            problems.addAll((prefix.isEmpty() ? e : e.under(prefix)).problems());
            return fallback;
        }
    }

    public void problem(String key, String message, String fix) {
        problems.add(new ConfigProblem(key, message, fix));
    }

    public void addAll(List<ConfigProblem> more) {
        problems.addAll(more);
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
