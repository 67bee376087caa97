package dev.flagpost.authn.client;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The identity provider's authorization server metadata (RFC 8414, else OpenID discovery), fetched
 * on demand and cached for 10 minutes. A provider that is down serves the cached copy; with none,
 * 503 with a message naming the issuer. The document is accepted only if its {@code issuer} is
 * exactly the configured one (mix-up defence).
 */
public final class ProviderMetadata {
    private static final Logger LOG = Logger.getLogger(ProviderMetadata.class.getName());
    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_BYTES = 256 * 1024;

    private final String issuer;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private volatile String cached;
    private volatile Instant fetchedAt = Instant.MIN;

    public ProviderMetadata(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The metadata JSON, as the provider published it. */
    public String get() {
        String doc = cached;
        if (doc != null && fetchedAt.plus(TTL).isAfter(clock.instant())) {
            return doc;
        }
        synchronized (this) {
            if (cached != null && fetchedAt.plus(TTL).isAfter(clock.instant())) {
                return cached;
            }
            try {
                cached = fetch();
                fetchedAt = clock.instant();
            } catch (RuntimeException e) {
                LOG.warning(() -> "identity provider metadata for " + issuer + " could not be fetched: " + e.getMessage());
                if (cached == null) {
                    throw new FliptException(Code.UNAVAILABLE, "the identity provider " + issuer
                            + " is unreachable or its metadata is invalid; try again shortly");
                }
            }
            return cached;
        }
    }

    private String fetch() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        RuntimeException last = null;
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(3))
                        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || r.body().length() > MAX_BYTES) {
                    last = new IllegalStateException(path + " answered " + r.statusCode());
                    continue;
                }
                JsonObject doc;
                try (var reader = Json.createReader(new StringReader(r.body()))) {
                    doc = reader.readObject();
                }
                if (!(doc.get("issuer") instanceof JsonString s) || !s.getString().equals(issuer)) {
                    throw new IllegalStateException(path + " names another issuer: " + doc.get("issuer"));
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.io.IOException | jakarta.json.JsonException e) {
                last = new IllegalStateException(path + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }
}
