package dev.flagpost.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns declared config keys into the patterns that recognise them, so that the list of known keys
 * is the list of keys each part declares — never a second list kept by hand. A declaration is
 * dot-separated: {@code *} is one map key written by the user, a trailing {@code []} a list (with or
 * without an index), {@code **} anything below. Every prefix of a declared key is known too (YAML
 * writes an empty section as a key of its own).
 */
public final class KeyDeclarations {
    private KeyDeclarations() {
    }

    /** @param declared full keys, e.g. {@code authentication.methods.oidc.providers.*.issuer_url} */
    public static List<Pattern> patterns(List<String> declared) {
        return declared.stream().map(k -> Pattern.compile(regex(k))).toList();
    }

    /**
     * The maps among the declarations: the key before a {@code *} or {@code **} segment, and the
     * fields of each entry when entries are records ({@code providers.*.client_id} → field
     * {@code client_id}); no fields when entries are plain values ({@code claims_mapping.*}).
     * Deeper shapes (a record holding a map) are left out: they cannot be named from the environment alone.
     */
    public static List<MapKey> maps(List<String> declared) {
        Map<String, LinkedHashSet<String>> fields = new LinkedHashMap<>();
        Set<String> deeper = new HashSet<>();
        for (String key : declared) {
            String[] segments = key.split("\\.");
            for (int i = 0; i < segments.length; i++) {
                String seg = segments[i].replace("[]", "");
                if (!seg.equals("*") && !seg.equals("**")) {
                    continue;
                }
                String prefix = String.join(".", Arrays.copyOf(segments, i));
                Set<String> f = fields.computeIfAbsent(prefix, k -> new LinkedHashSet<>());
                int rest = segments.length - i - 1;
                if (seg.equals("*") && rest == 1) {
                    f.add(segments[i + 1].replace("[]", ""));
                } else if (rest > 1) {
                    deeper.add(prefix);
                }
                break;
            }
        }
        List<MapKey> out = new ArrayList<>();
        fields.forEach((prefix, f) -> {
            if (!deeper.contains(prefix)) {
                out.add(new MapKey(prefix, List.copyOf(f)));
            }
        });
        return out;
    }

    /** A map-valued key; {@code fields} are the settings of each entry when entries are records, empty for plain values. */
    public record MapKey(String prefix, List<String> fields) {
    }

    static String regex(String declaration) {
        String[] segments = declaration.split("\\.");
        String r = segment(segments[segments.length - 1]);
        for (int i = segments.length - 2; i >= 0; i--) {
            r = segment(segments[i]) + "(\\." + r + ")?";
        }
        return r;
    }

    private static String segment(String s) {
        if (s.equals("**")) {
            return ".+";
        }
        boolean list = s.endsWith("[]");
        String name = list ? s.substring(0, s.length() - 2) : s;
        if (!name.equals("*") && !name.matches("[a-z][a-z_]*")) {
            throw new IllegalArgumentException("not a key segment: " + s); // a declaration is code, so this is a bug
        }
        String base = name.equals("*") ? "[^.\\[]+" : name;
        return list ? base + "(\\[\\d+])?" : base;
    }
}
