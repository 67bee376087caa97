package dev.flagpost.bench;

import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real {@link Database} and {@link JpaAuthenticationStore} for one benchmark fork, torn down after:
 * the embedded H2 file database exactly as a default server opens it, or a throwaway schema in the
 * local PostgreSQL (the one the tests use, 127.0.0.1:5432/test).
 */
public final class BenchDatabase implements AutoCloseable {
    /** Flipt's default {@code db.max_open_conn}. */
    private static final int POOL_SIZE = 10;

    public enum Kind { h2, postgresql }

    private final Kind kind;
    private final DatabaseConfig config;
    private final Database database;
    private final JpaAuthenticationStore store;
    private final Path h2Dir;
    private final String schema;

    private BenchDatabase(Kind kind, DatabaseConfig config, Path h2Dir, String schema, Clock clock) {
        this.kind = kind;
        this.config = config;
        this.h2Dir = h2Dir;
        this.schema = schema;
        this.database = Database.open(config, JpaAuthenticationStore.entities());
        this.store = new JpaAuthenticationStore(database.jpa(), clock);
    }

    public static BenchDatabase open(Kind kind, Clock clock) {
        if (kind == Kind.h2) {
            try {
                Path dir = Files.createTempDirectory("flagpost-bench-h2");
                DatabaseConfig embedded = DatabaseConfig.embedded(dir.toString());
                return new BenchDatabase(kind, new DatabaseConfig(embedded.jdbcUrl(), embedded.user(), "", POOL_SIZE), dir, null, clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String schema = "bench_" + TestDatabases.newSchemaName();
        DatabaseConfig pg = TestDatabases.postgres(schema);
        try {
            return new BenchDatabase(kind, new DatabaseConfig(pg.jdbcUrl(), pg.user(), "", POOL_SIZE), null, schema, clock);
        } catch (RuntimeException e) {
            TestDatabases.dropPostgresSchema(schema);
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    public DatabaseConfig config() {
        return config;
    }

    public JpaAuthenticationStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            if (schema != null) {
                TestDatabases.dropPostgresSchema(schema);
            }
            if (h2Dir != null) {
                deleteTree(h2Dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
