package dev.flagpost.flags.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void writesWhatIsoInstantWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2026-12-02T13:04:05Z"), Instant.parse("2026-12-02T13:04:05.1Z"),
                Instant.parse("2026-12-02T13:04:05.000001Z"), Instant.parse("2026-12-02T13:04:05.000000001Z"),
                Instant.parse("2026-12-02T13:04:05.123456789Z"), Instant.parse("2026-12-02T13:04:05.120Z"),
                Instant.parse("2026-12-02T13:04:05.100200Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.MIN, Instant.MAX);
        for (Instant t : edges) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), InstantText.format(t));
        }
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 100_000; i++) {
            // Runs of instants in the same second (the cache's case) and jumps between seconds.
            long second = 1_700_000_000L + random.nextInt(4);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nanos);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), InstantText.format(t));
        }
    }
}
