package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.config.ServerEndpoint;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Exchanges the pod's service-account token for a Flagpost client token
 * ({@code POST /auth/v1/method/kubernetes/serviceaccount}). The file is read on every exchange
 * because the kubelet rotates projected tokens; the result carries {@code expiresAt} so the token
 * source renews it before it lapses.
 */
public final class KubernetesServiceAccountAuthenticator implements Authenticator {
    public static final Path DEFAULT_TOKEN_PATH = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ServerEndpoint server;
    private final Path tokenPath;
    private final HttpClient http;

    /**
     * The service-account token is a credential for the Kubernetes API too, so it only goes over
     * https, or plain http to loopback (a sidecar).
     */
    public KubernetesServiceAccountAuthenticator(ServerEndpoint server, Path tokenPath, HttpClient http) {
        this(server, tokenPath, http, false);
    }

    /** @param allowInsecure also allow plain http to other hosts (a trusted in-cluster network) */
    public KubernetesServiceAccountAuthenticator(ServerEndpoint server, Path tokenPath, HttpClient http,
                                                 boolean allowInsecure) {
        TransportPolicy.checkHttp(server.base(), allowInsecure);
        this.server = Objects.requireNonNull(server, "server");
        this.tokenPath = Objects.requireNonNull(tokenPath, "tokenPath");
        this.http = Objects.requireNonNull(http, "http");
    }

    public KubernetesServiceAccountAuthenticator(ServerEndpoint server) {
        this(server, DEFAULT_TOKEN_PATH, dev.flagpost.client.http.HttpClients.builder().connectTimeout(TIMEOUT).build());
    }

    @Override
    public Credentials authenticate() {
        String saToken;
        try {
            saToken = Files.readString(tokenPath, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AuthenticationException("could not read the service-account token at " + tokenPath
                    + "; is this running in a pod with automountServiceAccountToken enabled?", e);
        }
        String body = JSONObject.toJSONString(Map.of("serviceAccountToken", saToken));
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/auth/v1/method/kubernetes/serviceaccount"))
                .timeout(TIMEOUT).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthenticationException("could not reach " + request.uri() + " (" + e.getMessage() + ")", e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted during the Kubernetes exchange", e, true);
        }
        if (response.statusCode() != 200) {
            throw new AuthenticationException("Flagpost refused the service-account token (HTTP " + response.statusCode()
                    + "); check that the Kubernetes method is enabled and the pod's service account is allowed",
                    null, response.statusCode() >= 500);
        }
        return parse(response.body());
    }

    private static Credentials parse(String body) {
        try {
            JSONObject json = JSONObjectUtils.parse(body);
            String token = JSONObjectUtils.getString(json, "clientToken");
            Instant expiresAt = null;
            if (json.get("authentication") instanceof Map<?, ?> auth && auth.get("expiresAt") instanceof String s) {
                expiresAt = Instant.parse(s);
            }
            return new Credentials(token, null, null, expiresAt, null, null, Credentials.BEARER);
        } catch (ParseException | DateTimeParseException | IllegalArgumentException e) {
            throw new AuthenticationException("Flagpost's Kubernetes exchange answered without a usable clientToken", e);
        }
    }

    @Override
    public boolean issuesFlagpostClientTokens() {
        return true;
    }

    @Override
    public boolean persistable() {
        return false; // a pod re-exchanges on start; nothing to keep on its disk
    }
}
