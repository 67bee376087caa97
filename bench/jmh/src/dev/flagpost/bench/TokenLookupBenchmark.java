package dev.flagpost.bench;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's token lookup (what every uncached request costs) with 10^3, 10^5 and 10^6 stored
 * tokens: a lookup through the unique index must not get slower in the tail as the table grows.
 * Each lookup is a hit on a random stored token. bench/jmh.sh runs 10^6 on PostgreSQL only.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TokenLookupBenchmark {
    @Param({"h2", "postgresql"})
    public BenchDatabase.Kind db;

    @Param({"1000", "100000", "1000000"})
    public long rows;

    BenchDatabase database;
    Sample<String> hashes;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.open(db, Clock.systemUTC());
        TokenRows tokens = new TokenRows();
        long started = System.nanoTime();
        tokens.insert(database.config(), "live", rows, Method.TOKEN, null);
        System.out.printf("%ninserted %,d tokens into %s in %.1f s%n", rows, db, (System.nanoTime() - started) / 1e9);
        hashes = new Sample<>(rows, i -> tokens.hash("live", i));
        if (database.store().findByTokenHash(hashes.next()).isEmpty()) {
            throw new IllegalStateException("a stored token was not found");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public Optional<Authentication> findByTokenHash() {
        return database.store().findByTokenHash(hashes.next());
    }
}
