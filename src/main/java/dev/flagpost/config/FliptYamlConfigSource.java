package dev.flagpost.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Flipt's {@code config.yaml} as a MicroProfile ConfigSource: nested keys flattened with dots
 * ({@code authentication.methods.token.enabled}), map keys keeping their case (Flipt bug #4428),
 * lists joined with commas (MicroProfile's array form), {@code ${env:VAR}} and {@code ${VAR}}
 * substituted, and {@code FLIPT_}-prefixed environment variables overriding any key
 * ({@code FLIPT_AUTHENTICATION_REQUIRED}).
 *
 * <p>The file comes from the environment variable {@code FLAGPOST_CONFIG} (or system property
 * {@code flagpost.config}); without one, Flagpost's secure default. A file that cannot be read
 * does not break MicroProfile Config: its problems are kept and reported at start by the binder.
 */
public final class FliptYamlConfigSource implements ConfigSource {
    public static final String CONFIG_ENV = "FLAGPOST_CONFIG";
    public static final String DEFAULT_RESOURCE = "flagpost/default-config.yaml";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env:)?([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SECRET = Pattern.compile("\\$\\{secret:[^}]*}");

    private final Map<String, String> properties;
    private final List<ConfigProblem> problems;
    private final Function<String, String> env;
    private final String origin;

    /** Used by the ServiceLoader: reads FLAGPOST_CONFIG or the bundled default. */
    public FliptYamlConfigSource() {
        this(System.getenv(), System.getProperty("flagpost.config", System.getenv(CONFIG_ENV)));
    }

    FliptYamlConfigSource(Map<String, String> env, String file) {
        this.env = env::get;
        this.problems = new ArrayList<>();
        this.origin = file == null || file.isBlank() ? "classpath:" + DEFAULT_RESOURCE : file;
        this.properties = Collections.unmodifiableMap(withEnvMapKeys(load(file), env));
    }

    /** For tests and tools: a source over YAML text. */
    public static FliptYamlConfigSource ofYaml(String yaml, Map<String, String> env) {
        return new FliptYamlConfigSource(env, yaml, true);
    }

    private FliptYamlConfigSource(Map<String, String> env, String yaml, boolean inline) {
        this.env = env::get;
        this.problems = new ArrayList<>();
        this.origin = "inline";
        Map<String, String> out = new LinkedHashMap<>();
        parse(new java.io.StringReader(yaml), out);
        this.properties = Collections.unmodifiableMap(withEnvMapKeys(out, env));
    }

    /** Map entries named only by environment variables join the file's keys (the file's own entries stay). */
    private static Map<String, String> withEnvMapKeys(Map<String, String> fromFile, Map<String, String> env) {
        EnvMapKeys.from(env).forEach(fromFile::putIfAbsent);
        return fromFile;
    }

    public String origin() {
        return origin;
    }

    /** Problems met while reading the file (missing, unreadable, bad YAML, unset variables). */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private Map<String, String> load(String file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file == null || file.isBlank()) {
            try (InputStream in = FliptYamlConfigSource.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("default configuration " + DEFAULT_RESOURCE + " is missing from the application");
                }
                parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), out);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the default configuration", e);
            }
            return out;
        }
        Path path = Path.of(file);
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            parse(r, out);
        } catch (IOException e) {
            problems.add(new ConfigProblem(CONFIG_ENV, "cannot read config file " + path.toAbsolutePath() + ": " + e,
                    "point " + CONFIG_ENV + " at a readable Flipt-style YAML file, or unset it to use the default"));
        }
        return out;
    }

    private void parse(Reader reader, Map<String, String> out) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        try {
            Object root = new Yaml(new SafeConstructor(options)).load(reader);
            if (root == null) {
                return;
            }
            if (!(root instanceof Map<?, ?> map)) {
                problems.add(new ConfigProblem(CONFIG_ENV, "the config file must be a YAML mapping at the top level",
                        "start the file with keys such as `authentication:`"));
                return;
            }
            flatten("", map, out);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String snippet = mark == null ? "" : "\n" + mark.get_snippet(4, 100);
            String what = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.add(new ConfigProblem(CONFIG_ENV, "config file " + origin + " is not valid YAML" + where + ": " + what + snippet,
                    "fix the YAML syntax" + where));
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(CONFIG_ENV, "config file " + origin + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), "fix the YAML syntax"));
        }
    }

    private void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> nested) {
                if (nested.isEmpty()) {
                    out.put(key, "");
                }
                flatten(key, nested, out);
            } else if (value instanceof List<?> list) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> m) {
                        flatten(key + "[" + i + "]", m, out);
                    } else if (item != null) {
                        String s = substitute(key + "[" + i + "]", String.valueOf(item));
                        out.put(key + "[" + i + "]", s);
                        items.add(s.replace(",", "\\,"));
                    }
                }
                out.put(key, String.join(",", items));
            } else if (value != null) {
                out.put(key, substitute(key, String.valueOf(value)));
            }
        }
    }

    private String substitute(String key, String value) {
        if (SECRET.matcher(value).find()) {
            problems.add(new ConfigProblem(key, "secret references (${secret:...}) are not supported yet",
                    "use ${env:VAR} and provide the value through the environment"));
            return "";
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String resolved = env.apply(m.group(2));
            if (resolved == null) {
                problems.add(new ConfigProblem(key, "refers to environment variable " + m.group(2) + ", which is not set",
                        "set " + m.group(2) + " in the server's environment"));
                resolved = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The environment variable that overrides a key: {@code FLIPT_} + upper-cased key, non-alphanumerics as {@code _}. */
    public static String envNameFor(String key) {
        return "FLIPT_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String key) {
        String override = env.apply(envNameFor(key));
        return override != null ? override : properties.get(key);
    }

    @Override
    public String getName() {
        return "FliptYaml[" + origin + "]";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
