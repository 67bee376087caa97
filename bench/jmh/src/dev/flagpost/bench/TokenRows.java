package dev.flagpost.bench;

import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.persistence.DatabaseConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Many stored tokens, fast: plain JDBC batch inserts of SHA-256 hashes straight into the table the
 * store maps (one by one through JPA, 10^6 rows would take longer than the whole benchmark run).
 * The tokens are made up per run from a random prefix, so a benchmark can present any of them and
 * nothing secret is ever written down.
 */
public final class TokenRows {
    private static final int BATCH = 1_000;
    private static final String INSERT = "insert into authentications"
            + " (id, hashed_client_token, method, metadata, expires_at, created_at, updated_at) values (?, ?, ?, '{}', ?, ?, ?)";

    private final String prefix;

    public TokenRows() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.prefix = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The plaintext of token {@code i} of the set {@code set} (token-shaped: printable ASCII, no spaces). */
    public String token(String set, long i) {
        return prefix + "-" + set + "-" + i;
    }

    public String hash(String set, long i) {
        return ClientTokens.hash(token(set, i));
    }

    /** Inserts tokens {@code 0..count-1} of {@code set}; {@code expiresAt} null for tokens that never expire. */
    public void insert(DatabaseConfig db, String set, long count, Method method, Instant expiresAt) {
        boolean pg = db.kind() == DatabaseConfig.Kind.POSTGRESQL;
        // PostgreSQL's driver sends a batch as one multi-row insert only when asked to.
        String url = pg ? db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : db.jdbcUrl();
        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3);
        OffsetDateTime expires = expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (long i = 0; i < count; i++) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, hash(set, i));
                    ps.setInt(3, method.number());
                    ps.setObject(4, expires);
                    ps.setObject(5, created);
                    ps.setObject(6, created);
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0 || i == count - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            if (pg) {
                // Fresh statistics, as autovacuum would have them on a table that grew over months.
                try (Statement s = c.createStatement()) {
                    s.execute("analyze authentications");
                }
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk insert into " + db.describe() + " failed: " + e.getMessage(), e);
        }
    }
}
