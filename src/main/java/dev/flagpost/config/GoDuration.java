package dev.flagpost.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Flipt (Go's {@code time.ParseDuration}) writes them: {@code 24h},
 * {@code 10m}, {@code 90s}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}. A bare {@code 0} is zero.
 * Go reads a bare number as nanoseconds, which in a config file is always a mistake, so a unit is
 * required here.
 */
public final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message that shows the expected form */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Matcher m = WHOLE.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            at = m.end();
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large");
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** The shortest Go form of a duration, for messages and docs ({@code 1h30m}). */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder(d.isNegative() ? "-" : "");
        Duration a = d.abs();
        if (a.toHours() > 0) {
            sb.append(a.toHours()).append('h');
        }
        if (a.toMinutesPart() > 0) {
            sb.append(a.toMinutesPart()).append('m');
        }
        if (a.toSecondsPart() > 0 || a.toNanosPart() > 0) {
            sb.append(a.toSecondsPart());
            if (a.toNanosPart() > 0) {
                sb.append('.').append(String.format("%09d", a.toNanosPart()).replaceAll("0+$", ""));
            }
            sb.append('s');
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration; use Go's form, e.g. 24h, 10m, 90s or 1h30m");
    }
}
