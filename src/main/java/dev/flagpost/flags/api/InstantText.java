package dev.flagpost.flags.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_INSTANT}'s text for an instant, with the date and time of day
 * formatted once per second: every evaluation answer carries a timestamp, and the formatter's
 * field-by-field printing was a tenth of the answer writer's CPU (async-profiler).
 */
final class InstantText {
    /** One second's text without the zone ("2026-12-02T13:04:05"). */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private InstantText() {
    }

    static String format(Instant t) {
        Second s = last;
        if (s.epochSecond() != t.getEpochSecond()) {
            String whole = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(t.getEpochSecond()));
            s = new Second(t.getEpochSecond(), whole.substring(0, whole.length() - 1));
            last = s;
        }
        int nanos = t.getNano();
        if (nanos == 0) {
            return s.text() + 'Z';
        }
        // As ISO_INSTANT: the fraction in 3, 6 or 9 digits, as few as show it exactly.
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
        String fraction = Integer.toString(digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos);
        StringBuilder b = new StringBuilder(s.text().length() + 11).append(s.text()).append('.');
        for (int i = fraction.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(fraction).append('Z').toString();
    }
}
