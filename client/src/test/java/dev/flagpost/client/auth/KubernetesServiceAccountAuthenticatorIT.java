package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.config.ServerEndpoint;
import dev.flagpost.client.store.MemoryTokenStore;
import dev.flagpost.client.testing.MutableClock;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesServiceAccountAuthenticatorIT {
    @TempDir
    Path dir;

    @Test
    void serviceAccountTokenIsExchangedAndRenewedBeforeExpiresAt() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger n = new AtomicInteger();
        try (StubServer flagpost = new StubServer()) {
            flagpost.on("/auth/v1/method/kubernetes/serviceaccount", r -> Reply.json(200,
                    "{\"clientToken\":\"ct-" + n.incrementAndGet() + "\",\"authentication\":{\"id\":\"x\","
                            + "\"method\":\"METHOD_KUBERNETES\",\"expiresAt\":\"2026-01-01T01:00:00Z\"}}"));
            Path saToken = Files.writeString(dir.resolve("token"), "sa-jwt-1\n");
            ManagedTokenSource source = ManagedTokenSource.builder(new KubernetesServiceAccountAuthenticator(
                            ServerEndpoint.of(flagpost.url()), saToken, HttpClient.newHttpClient()), "k")
                    .store(new MemoryTokenStore()).clock(clock).margin(Duration.ofMinutes(5)).build();

            assertEquals("Bearer ct-1", source.credentials().headerValue());
            assertEquals(Instant.parse("2026-01-01T01:00:00Z"), source.credentials().expiresAt());
            clock.advance(Duration.ofMinutes(50));
            assertEquals("ct-1", source.credentials().accessToken(), "still 10 min left");
            Files.writeString(saToken, "sa-jwt-2"); // the kubelet rotated the projected token
            clock.advance(Duration.ofMinutes(6));
            assertEquals("ct-2", source.credentials().accessToken(), "renewed inside the 5 min margin");

            var bodies = flagpost.requests.stream().map(StubServer.Recorded::body).toList();
            assertEquals("sa-jwt-1", JSONObjectUtils.parse(bodies.get(0)).get("serviceAccountToken"));
            assertEquals("sa-jwt-2", JSONObjectUtils.parse(bodies.get(1)).get("serviceAccountToken"));
        }
    }

    @Test
    void refusedServiceAccountIsAnActionableError() throws Exception {
        try (StubServer flagpost = new StubServer()) {
            flagpost.on("/auth/v1/method/kubernetes/serviceaccount", r -> Reply.json(401,
                    "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}"));
            Path saToken = Files.writeString(dir.resolve("token"), "sa");
            AuthenticationException e = assertThrows(AuthenticationException.class, () ->
                    new KubernetesServiceAccountAuthenticator(ServerEndpoint.of(flagpost.url()), saToken,
                            HttpClient.newHttpClient()).authenticate());
            assertTrue(e.getMessage().contains("401") && e.getMessage().contains("service account"), e.getMessage());
        }
    }

    @Test
    void missingTokenFileExplainsThePodSetting() {
        AuthenticationException e = assertThrows(AuthenticationException.class, () ->
                new KubernetesServiceAccountAuthenticator(ServerEndpoint.of("http://127.0.0.1:1"),
                        dir.resolve("absent"), HttpClient.newHttpClient()).authenticate());
        assertTrue(e.getMessage().contains("automountServiceAccountToken"), e.getMessage());
    }
}
