package dev.flagpost.bench;

import java.util.Arrays;
import java.util.List;

/** Recorded latencies (nanoseconds) of one thread, and percentiles over several threads' records. */
final class Latencies {
    private long[] values = new long[1 << 16];
    private int count;

    void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    /** Count and percentiles in microseconds. */
    record Summary(long count, double p50, double p90, double p99, double p999, double max) {
        String describe() {
            return String.format("n=%,d p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f us", count, p50, p90, p99, p999, max);
        }
    }

    static Summary summarize(List<Latencies> threads) {
        long[] all = threads.stream().flatMapToLong(l -> Arrays.stream(l.values, 0, l.count)).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalStateException("nothing was measured");
        }
        return new Summary(all.length, at(all, 0.50), at(all, 0.90), at(all, 0.99), at(all, 0.999), all[all.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double quantile) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }
}
