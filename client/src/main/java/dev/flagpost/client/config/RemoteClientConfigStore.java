package dev.flagpost.client.config;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.auth.AuthenticationException;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads, anonymously, the IdP metadata Flagpost proxies ({@code GET /.well-known/oauth-authorization-server},
 * RFC 8414) and Flagpost's public client config ({@code GET /auth/v1/client-config}), and caches the
 * result for {@code ttl} (flytekit refetched on every call). Empty strings count as absent.
 */
public final class RemoteClientConfigStore implements ClientConfigStore {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final ServerEndpoint server;
    private final HttpClient http;
    private final Clock clock;
    private final Duration ttl;
    private ClientConfig cached;
    private Instant fetchedAt;

    public RemoteClientConfigStore(ServerEndpoint server) {
        this(server, dev.flagpost.client.http.HttpClients.builder().connectTimeout(REQUEST_TIMEOUT).build(), Clock.systemUTC(), DEFAULT_TTL);
    }

    public RemoteClientConfigStore(ServerEndpoint server, HttpClient http, Clock clock, Duration ttl) {
        this.server = Objects.requireNonNull(server, "server");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    @Override
    public synchronized ClientConfig get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(fetchedAt.plus(ttl))) {
            cached = fetch();
            fetchedAt = now;
        }
        return cached;
    }

    private ClientConfig fetch() {
        AuthorizationServerMetadata metadata;
        JSONObject client;
        try {
            metadata = AuthorizationServerMetadata.parse(getJson("/.well-known/oauth-authorization-server"));
            client = JSONObjectUtils.parse(getJson("/auth/v1/client-config"));
        } catch (ParseException e) {
            throw new AuthenticationException("the server at " + server
                    + " returned malformed client configuration (" + e.getMessage() + "); check --server", e);
        }
        String issuer = ClientConfig.blankToNull(str(client, "issuer"));
        String metadataIssuer = metadata.getIssuer().getValue();
        if (issuer != null && !issuer.equals(metadataIssuer)) {
            // Mix-up defence (RFC 8414 §3.3, RFC 9207): the metadata must be the named issuer's.
            throw new AuthenticationException("the server's client config names issuer " + issuer
                    + " but its OAuth metadata is for " + metadataIssuer + "; ask the Flagpost operator to fix the configuration");
        }
        return ClientConfig.builder()
                .tokenEndpoint(metadata.getTokenEndpointURI())
                .authorizationEndpoint(metadata.getAuthorizationEndpointURI())
                .deviceAuthorizationEndpoint(metadata.getDeviceAuthorizationEndpointURI())
                .redirectUri(uri(str(client, "redirectUri"), ClientConfig.DEFAULT_REDIRECT_URI))
                .clientId(str(client, "clientId"))
                .scopes(scopes(client))
                .headerKey(str(client, "authorizationMetadataKey"))
                .audience(str(client, "audience"))
                .issuer(metadataIssuer)
                .build();
    }

    private String getJson(String path) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthenticationException("could not reach " + request.uri()
                    + " (" + e.getMessage() + "); check --server and your network", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while fetching " + request.uri(), e, true);
        }
        if (response.statusCode() != 200) {
            throw new AuthenticationException("GET " + request.uri() + " answered HTTP " + response.statusCode()
                    + "; the server may not have OAuth login configured (ask its operator), or --server is wrong",
                    null, response.statusCode() >= 500);
        }
        return response.body();
    }

    private static String str(JSONObject o, String key) {
        Object v = o.get(key);
        return v instanceof String s ? ClientConfig.blankToNull(s) : null;
    }

    private static URI uri(String s, URI fallback) {
        return s == null ? fallback : URI.create(s);
    }

    private static List<String> scopes(JSONObject o) {
        Object v = o.get("scopes");
        if (v instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(s -> !s.isBlank()).toList();
        }
        return List.of();
    }
}
