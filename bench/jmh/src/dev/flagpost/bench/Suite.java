package dev.flagpost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark, bounded, with only the parameter combinations worth their time (10^6 rows on
 * PostgreSQL only; cached JWTs for one algorithm; EdDSA once, as no JCA provider is involved), then
 * the cleanup-under-load harness. Writes JMH's JSON, the cleanup's JSON and a text summary.
 *
 * <p>Usage: {@code Suite full|smoke <results dir> [regex over run names]}. {@code smoke} checks the
 * whole pipeline in about two minutes with tiny tables and one-second iterations.
 */
public final class Suite {
    static final double FLAT_P99_RATIO = 2.0;

    /** One JMH invocation: benchmarks matching {@code include}, with these parameter values. */
    record Run(String name, String include, Map<String, String[]> params, boolean cpuOnly) {
    }

    /** Iteration settings; CPU-only benchmarks settle faster than those that talk to a database. */
    record Timing(int warmups, int cpuWarmup, int dbWarmup, int iterations, int cpuIteration, int dbIteration) {
    }

    public static void main(String[] args) throws RunnerException {
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results");
        Pattern only = Pattern.compile(args.length > 2 ? args[2] : ".*");
        Timing timing = smoke ? new Timing(1, 1, 1, 1, 1, 1) : new Timing(2, 1, 2, 3, 2, 3);
        String[] h2Rows = smoke ? new String[]{"1000", "10000"} : new String[]{"1000", "100000"};
        String[] pgRows = smoke ? new String[]{"1000", "10000"} : new String[]{"1000", "100000", "1000000"};

        List<Run> runs = List.of(
                new Run("gate", "\\.GateBenchmark\\.", Map.of(), true),
                new Run("uncached-bearer", "\\.UncachedBearerBenchmark\\.", Map.of("db", new String[]{"h2", "postgresql"}), false),
                new Run("token-lookup-h2", "\\.TokenLookupBenchmark\\.", Map.of("db", new String[]{"h2"}, "rows", h2Rows), false),
                new Run("token-lookup-postgresql", "\\.TokenLookupBenchmark\\.", Map.of("db", new String[]{"postgresql"}, "rows", pgRows), false),
                new Run("jwt-verify", "\\.JwtBenchmark\\.jwtVerify$", Map.of("alg", new String[]{"RS256", "ES256"}, "provider", new String[]{"JDK", "BC"}), true),
                new Run("jwt-verify-eddsa", "\\.JwtBenchmark\\.jwtVerify$", Map.of("alg", new String[]{"EdDSA"}, "provider", new String[]{"JDK"}), true),
                new Run("jwt-cached", "\\.JwtBenchmark\\.jwtCached$", Map.of("alg", new String[]{"ES256"}, "provider", new String[]{"JDK"}), true),
                new Run("ed25519-primitive", "\\.Ed25519VerifyBenchmark\\.", Map.of(), true));

        List<RunResult> results = new ArrayList<>();
        for (Run run : runs) {
            if (!only.matcher(run.name()).find()) {
                continue;
            }
            ChainedOptionsBuilder o = new OptionsBuilder().include(run.include()).forks(1)
                    .warmupIterations(timing.warmups()).measurementIterations(timing.iterations())
                    .warmupTime(TimeValue.seconds(run.cpuOnly() ? timing.cpuWarmup() : timing.dbWarmup()))
                    .measurementTime(TimeValue.seconds(run.cpuOnly() ? timing.cpuIteration() : timing.dbIteration()));
            run.params().forEach(o::param);
            results.addAll(new Runner(o.build()).run());
            write(out, results, null, false); // after every run, so that a suite cut short still leaves its results
        }

        CleanupUnderLoad.Result cleanup = !only.matcher("cleanup-under-load").find() ? null
                : smoke ? CleanupUnderLoad.run(20_000, 1_000, 4, 2, 60) : CleanupUnderLoad.run(1_000_000, 10_000, 4, 10, 150);
        write(out, results, cleanup, true);
    }

    private static void write(Path out, Collection<RunResult> results, CleanupUnderLoad.Result cleanup, boolean print) {
        try {
            Files.createDirectories(out);
            if (!results.isEmpty()) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("jmh.json").toString()).writeOut(results);
            }
            if (cleanup != null) {
                Files.writeString(out.resolve("cleanup.json"), cleanup.toJson() + "\n");
            }
            String summary = summary(results, cleanup);
            Files.writeString(out.resolve("summary.txt"), summary);
            if (print) {
                System.out.println("\n" + summary + "\nwritten to " + out.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String summary(Collection<RunResult> results, CleanupUnderLoad.Result cleanup) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-40s %-26s %-6s %10s %10s %10s %10s %10s%n", "benchmark", "params", "mode", "samples",
                "mean us", "p50 us", "p99 us", "p99.9 us"));
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            double toMicros = micros(r.getPrimaryResult().getScoreUnit());
            s.append(String.format(Locale.ROOT, "%-40s %-26s %-6s %10d %10.3f %10.3f %10.3f %10.3f%n", shortName(r), params(r),
                    r.getParams().getMode().shortLabel(), stats.getN(), stats.getMean() * toMicros,
                    stats.getPercentile(50) * toMicros, stats.getPercentile(99) * toMicros, stats.getPercentile(99.9) * toMicros));
        }
        flatP99(results, s);
        if (cleanup != null) {
            s.append('\n').append(cleanup.describe()).append('\n');
        }
        return s.toString();
    }

    /** Token lookup p99 at the largest table against the smallest, per database. */
    private static void flatP99(Collection<RunResult> results, StringBuilder s) {
        Map<String, List<RunResult>> byDb = results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("TokenLookupBenchmark.findByTokenHash"))
                .collect(Collectors.groupingBy(r -> r.getParams().getParam("db"), LinkedHashMap::new, Collectors.toList()));
        byDb.forEach((db, runs) -> {
            runs.sort(Comparator.comparingLong(r -> Long.parseLong(r.getParams().getParam("rows"))));
            RunResult small = runs.get(0);
            RunResult large = runs.get(runs.size() - 1);
            if (small == large) {
                return;
            }
            double ratio = p99(large) / p99(small);
            s.append(String.format(Locale.ROOT, "%ntoken lookup p99 on %s: %.1f us at %s rows, %.1f us at %s rows: ratio %.2f (flat if <= %.1f): %s%n",
                    db, p99(small), small.getParams().getParam("rows"), p99(large), large.getParams().getParam("rows"), ratio,
                    FLAT_P99_RATIO, ratio <= FLAT_P99_RATIO ? "FLAT" : "NOT FLAT"));
        });
    }

    private static double p99(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(99) * micros(r.getPrimaryResult().getScoreUnit());
    }

    private static double micros(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }

    private static String shortName(RunResult r) {
        String b = r.getParams().getBenchmark();
        return b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1);
    }

    private static String params(RunResult r) {
        return r.getParams().getParamsKeys().stream().map(k -> k + "=" + r.getParams().getParam(k)).collect(Collectors.joining(","));
    }
}
