package dev.flagpost.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "Did you mean": the known key one misspelt segment away from an unknown one. */
public final class KeySuggestions {
    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]+");

    private KeySuggestions() {
    }

    /**
     * @param known the patterns of every known key
     * @return the known key that differs from {@code key} in one segment by at most two edits
     *         (the closest such), or null
     */
    public static String nearest(String key, List<Pattern> known) {
        Set<String> words = new TreeSet<>();
        for (Pattern p : known) {
            Matcher m = WORD.matcher(p.pattern());
            while (m.find()) {
                words.add(m.group());
            }
        }
        String[] segments = key.split("\\.");
        String best = null;
        int bestDistance = 3;
        for (int i = 0; i < segments.length; i++) {
            for (String w : words) {
                int d = distance(segments[i], w);
                if (d == 0 || d >= bestDistance) {
                    continue;
                }
                String[] candidate = segments.clone();
                candidate[i] = w;
                String k = String.join(".", candidate);
                if (known.stream().anyMatch(p -> p.matcher(k).matches())) {
                    best = k;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /** Levenshtein distance, small strings only. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
