package dev.flagpost.client.http;

import dev.flagpost.client.testing.CountingTokenSource;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthenticatedHttpClientIT {
    final StubServer server = new StubServer();
    final CountingTokenSource tokens = new CountingTokenSource();
    final AuthenticatedHttpClient client = new AuthenticatedHttpClient(HttpClient.newHttpClient(), tokens);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unauthorizedOnceIsRenewedAndResentWithTheSameBody() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/evaluate/v1/boolean", r -> calls.incrementAndGet() == 1
                ? Reply.json(401, "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}")
                : Reply.json(200, "{\"enabled\":true}"));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/evaluate/v1/boolean"))
                .header("Authorization", "Bearer caller-supplied-is-replaced")
                .POST(HttpRequest.BodyPublishers.ofString("{\"flagKey\":\"f\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("Bearer t1", server.requests.get(0).header("authorization"));
        assertEquals("Bearer t2", server.requests.get(1).header("authorization"));
        assertEquals("{\"flagKey\":\"f\"}", server.requests.get(1).body());
        assertEquals(1, server.requests.get(1).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("authorization")).mapToInt(e -> e.getValue().size()).sum());
        assertEquals(1, tokens.renewals.get());
    }

    @Test
    void asyncSendIsRenewedAndResentOnceOn401() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/auth/v1/self", r -> calls.incrementAndGet() == 1 ? Reply.json(401, "{}") : Reply.json(200, "{\"id\":\"x\"}"));
        java.util.concurrent.ExecutorService renew = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            HttpResponse<String> response = client.sendAsync(HttpRequest.newBuilder(server.uri("/auth/v1/self")).build(),
                    HttpResponse.BodyHandlers.ofString(), renew).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("Bearer t2", server.requests.get(1).header("authorization"));
            assertEquals(1, tokens.renewals.get());
        } finally {
            renew.shutdownNow();
        }
    }

    @Test
    void tokenIsNeverSentOverPlainHttpToARemoteHost() {
        dev.flagpost.client.auth.AuthenticationException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.flagpost.client.auth.AuthenticationException.class, () -> client.send(
                        HttpRequest.newBuilder(java.net.URI.create("http://flagpost.invalid/auth/v1/self")).build(),
                        HttpResponse.BodyHandlers.ofString()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("https"), e.getMessage());
    }

    @Test
    void forbiddenIsReturnedWithoutRenewal() throws Exception {
        server.on("/auth/v1/tokens", r -> Reply.json(403, "{\"code\":7,\"message\":\"denied\",\"details\":[]}"));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/auth/v1/tokens")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals(1, server.requests.size());
        assertEquals(0, tokens.renewals.get());
    }

    @Test
    void unauthorizedTwiceIsResentOnlyOnce() throws Exception {
        server.on("/auth/v1/self", r -> Reply.json(401, "{}"));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/auth/v1/self")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals(2, server.requests.size());
    }
}
