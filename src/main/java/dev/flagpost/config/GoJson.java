package dev.flagpost.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Writing values as Go's {@code encoding/json} does for Flipt's config structs ({@code /meta/config}). */
public final class GoJson {
    private GoJson() {
    }

    /** Go's omitempty: false, zero, empty strings and empty collections are left out; durations are nanoseconds. */
    public static void put(Map<String, Object> out, String key, Object value) {
        Object v = value instanceof Duration d ? d.toNanos() : value;
        boolean empty = v == null || Boolean.FALSE.equals(v) || (v instanceof Number n && n.longValue() == 0)
                || (v instanceof String s && s.isEmpty()) || (v instanceof Collection<?> c && c.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty());
        if (!empty) {
            out.put(key, v);
        }
    }
}
