package dev.flagpost.testing;

import dev.flagpost.persistence.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, isolated databases for tests: an in-memory H2, or a new schema in the local PostgreSQL
 * (127.0.0.1:5432/test, trust auth; override with FLAGPOST_TEST_PG_URL). PostgreSQL being down is a
 * test failure, not a skip: .ci/run starts it.
 */
public final class TestDatabases {
    public static final String PG_URL = System.getenv().getOrDefault("FLAGPOST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("FLAGPOST_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    public static DatabaseConfig h2() {
        return new DatabaseConfig("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "", 4);
    }

    /** A new empty schema; drop it with {@link #dropPostgresSchema}. */
    public static DatabaseConfig postgres(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is needed for this test (run .ci/run, or start it): " + e, e);
        }
        return new DatabaseConfig(PG_URL + "?currentSchema=" + schema, PG_USER, "", 4);
    }

    public static void dropPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newSchemaName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
