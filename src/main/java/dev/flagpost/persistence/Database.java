package dev.flagpost.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The application's database: a HikariCP pool, Flyway migrations (never hbm2ddl), and a Hibernate
 * EntityManagerFactory over resource-local transactions. Timeouts are short on purpose: a request
 * whose credential cannot be checked must fail fast with 503, not hang.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final long CONNECTION_TIMEOUT_MS = 2_000;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final EntityManagerFactory emf;

    private Database(DatabaseConfig config, HikariDataSource dataSource, EntityManagerFactory emf) {
        this.config = config;
        this.dataSource = dataSource;
        this.emf = emf;
    }

    /** Opens the pool, migrates the schema and builds the JPA factory for the given entity classes. */
    public static Database open(DatabaseConfig config, List<Class<?>> entities) {
        HikariDataSource ds = new HikariDataSource(hikari(config));
        try {
            migrate(config, ds);
            Configuration hibernate = new Configuration();
            entities.forEach(hibernate::addAnnotatedClass);
            hibernate.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
            hibernate.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
            hibernate.setProperty(AvailableSettings.TRANSACTION_COORDINATOR_STRATEGY, "jdbc");
            hibernate.setProperty(AvailableSettings.JTA_PLATFORM, "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
            hibernate.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
            hibernate.setProperty(AvailableSettings.SHOW_SQL, "false");
            hibernate.setProperty(AvailableSettings.QUERY_STARTUP_CHECKING, "false");
            hibernate.setProperty("hibernate.enhancer.enableDirtyTracking", "false");
            hibernate.setProperty("hibernate.enhancer.enableLazyInitialization", "false");
            hibernate.setProperty("jakarta.persistence.query.timeout", "5000");
            EntityManagerFactory emf = hibernate.buildSessionFactory();
            LOG.info(() -> "database ready: " + config.describe());
            return new Database(config, ds, emf);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static HikariConfig hikari(DatabaseConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("flagpost");
        h.setJdbcUrl(config.jdbcUrl());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(config.maxOpenConnections());
        h.setMinimumIdle(Math.min(2, config.maxOpenConnections()));
        h.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        h.setValidationTimeout(1_000);
        // Start even if the database is briefly away; requests answer 503 until it returns.
        h.setInitializationFailTimeout(-1);
        if (config.kind() == DatabaseConfig.Kind.POSTGRESQL) {
            String url = config.jdbcUrl().toLowerCase(Locale.ROOT);
            // A frozen server must not hold request threads forever.
            if (!url.contains("sockettimeout=")) {
                h.addDataSourceProperty("socketTimeout", "10");
            }
            if (!url.contains("connecttimeout=")) {
                h.addDataSourceProperty("connectTimeout", "2");
            }
            h.addDataSourceProperty("ApplicationName", "flagpost");
        }
        return h;
    }

    private static void migrate(DatabaseConfig config, HikariDataSource ds) {
        // One script per version for both databases; only the unbounded text type differs
        // (H2 maps TEXT to a CLOB, which Hibernate reads differently from PostgreSQL's text).
        String text = config.kind() == DatabaseConfig.Kind.H2 ? "VARCHAR(1000000)" : "TEXT";
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(ds)
                // Liberty's class loader lists a resource folder only when it has a file of its own:
                // the migration folder carries an empty flyway.location for that reason.
                .locations("classpath:db/migration/common")
                .placeholders(java.util.Map.of("text", text))
                .skipDefaultCallbacks(true)
                .table("flagpost_schema_history")
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }

    public Jpa jpa() {
        return new Jpa(emf, dataSource);
    }

    public DatabaseConfig config() {
        return config;
    }

    /** True when a connection can be had and answers within a second. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            emf.close();
        } finally {
            dataSource.close();
        }
    }
}
