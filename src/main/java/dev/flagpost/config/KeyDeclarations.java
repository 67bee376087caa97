package dev.flagpost.config;

import java.util.ArrayList;
import java.util.List;
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

    /** @param root e.g. {@code authentication.methods.oidc}; @param declared keys relative to it */
    public static List<Pattern> under(String root, List<String> declared) {
        List<Pattern> out = new ArrayList<>();
        for (String key : declared) {
            out.add(Pattern.compile(regex(root + "." + key)));
        }
        if (declared.isEmpty()) {
            out.add(Pattern.compile(regex(root)));
        }
        return out;
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
