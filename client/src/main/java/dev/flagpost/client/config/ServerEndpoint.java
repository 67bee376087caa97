package dev.flagpost.client.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A Flagpost server's base URL, normalised so that tokens are stored per server (Flyte leaked
 * tokens across clusters by keying on nothing) and paths join without double slashes.
 */
public final class ServerEndpoint {
    private final URI base;

    private ServerEndpoint(URI base) {
        this.base = base;
    }

    public static ServerEndpoint of(String url) {
        Objects.requireNonNull(url, "server URL");
        URI u = URI.create(url.trim());
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("server URL must look like https://flagpost.example.com, got: " + url);
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("server URL must be http or https: " + url);
        }
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return new ServerEndpoint(URI.create(scheme + "://" + host + ":" + port + path));
    }

    /** The stable key under which this server's tokens are stored. */
    public String key() {
        return base.toString();
    }

    public URI base() {
        return base;
    }

    /** {@code path} must start with '/'; it may carry a query. */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerEndpoint e && e.base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
