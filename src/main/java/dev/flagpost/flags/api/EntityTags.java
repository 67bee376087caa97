package dev.flagpost.flags.api;

/**
 * {@code If-None-Match} against the current ETag, for the snapshot and the OFREP bulk answer. Flipt
 * sends its ETag unquoted and its SDKs send it back as they got it; RFC 9110 clients quote it and
 * may send a weak validator ({@code W/"x"}), a list ({@code "a", "b"}) or {@code *}. All match by
 * RFC 9110's weak comparison, which is what {@code If-None-Match} uses (§13.1.2).
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * @param ifNoneMatch the header as received; null or blank matches nothing
     * @param current     the current ETag, unquoted; null (nothing stable to tag) matches nothing, not even {@code *}
     * @return whether the client already holds the current representation (answer 304)
     */
    static boolean matches(String ifNoneMatch, String current) {
        if (ifNoneMatch == null || current == null) {
            return false;
        }
        String h = ifNoneMatch.strip();
        if (h.equals("*")) {
            return true;
        }
        int i = 0;
        int n = h.length();
        while (i < n) {
            char c = h.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (h.startsWith("W/", i)) {
                i += 2;
            }
            String tag;
            if (i < n && h.charAt(i) == '"') {
                int end = h.indexOf('"', i + 1);
                if (end < 0) {
                    return false; // an unterminated quote: the rest cannot be read, so nothing matches
                }
                tag = h.substring(i + 1, end);
                i = end + 1;
            } else {
                // Flipt's unquoted form: up to the next comma
                int end = h.indexOf(',', i);
                end = end < 0 ? n : end;
                tag = h.substring(i, end).strip();
                i = end;
            }
            if (!tag.isEmpty() && tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
