package dev.flagpost.persistence;

import dev.flagpost.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Picks the database. Order: {@code FLAGPOST_DB_URL} (JDBC, with {@code FLAGPOST_DB_USER} and
 * {@code FLAGPOST_DB_PASSWORD}), then {@code db.url} from config.yaml (Flipt's form
 * {@code postgres://user:pass@host:5432/db?sslmode=disable}, or JDBC), else the embedded H2 file
 * under {@code flagpost.data.dir}.
 */
public final class DatabaseConfigBinder {

    private DatabaseConfigBinder() {
    }

    public static DatabaseConfig bind(ConfigReader r) {
        int pool = r.integer("db.max_open_conn", 10, 1, 500);
        var jdbc = r.raw("flagpost.db.url");
        if (jdbc.isPresent()) {
            return r.build("flagpost.db", () -> new DatabaseConfig(jdbc.get(),
                    r.string("flagpost.db.user", ""), r.string("flagpost.db.password", ""), pool), null);
        }
        var flipt = r.raw("db.url");
        if (flipt.isPresent()) {
            return r.build("db", () -> fromFliptUrl(flipt.get(), pool), null);
        }
        String dataDir = r.string("flagpost.data.dir", "data");
        return DatabaseConfig.embedded(dataDir);
    }

    /** Flipt's database URL, as in its config docs, turned into JDBC. */
    static DatabaseConfig fromFliptUrl(String url, int pool) {
        if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return new DatabaseConfig(url, null, null, pool);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw dev.flagpost.config.InvalidConfigException.of("url", "not a URL: " + e.getReason(),
                    "use postgres://user:pass@host:5432/db?sslmode=disable");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
            throw dev.flagpost.config.InvalidConfigException.of("url", "the " + (scheme.isEmpty() ? "file" : scheme)
                            + " database is not supported by Flagpost",
                    "use postgres://user:pass@host:5432/db?sslmode=disable, or remove db.url to use the embedded database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/" + db + query, user, password, pool);
    }
}
