package dev.flagpost.persistence;

import dev.flagpost.config.InvalidConfigException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where authentications and flags are stored: a JDBC URL for the embedded H2 database (the zero-setup
 * default) or PostgreSQL.
 *
 * @param maxOpenConnections pool size (Flipt's {@code db.max_open_conn}; default 10)
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int maxOpenConnections) {

    public enum Kind { H2, POSTGRESQL }

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        kindOf(jdbcUrl);
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public static DatabaseConfig embedded(String dataDir) {
        // File database; MODE=PostgreSQL keeps H2's SQL close to the PostgreSQL migrations.
        return new DatabaseConfig("jdbc:h2:file:" + dataDir + "/flagpost;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
                "flagpost", "", 10);
    }

    public Kind kind() {
        return kindOf(jdbcUrl);
    }

    private static Kind kindOf(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw InvalidConfigException.of("url", "unsupported database URL (only PostgreSQL and the embedded H2 are supported)",
                "use postgres://user:pass@host:5432/db?sslmode=disable, or remove it to use the embedded database");
    }

    /** The URL without credentials, for logs. */
    public String describe() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
