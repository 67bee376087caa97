package dev.flagpost.client.http;

import dev.flagpost.client.testing.CountingTokenSource;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JAX-RS filter on a real JAX-RS client (Jersey), against a JDK HttpServer. */
class FlagpostAuthFilterIT {
    final StubServer server = new StubServer();
    final CountingTokenSource tokens = new CountingTokenSource();
    final Client client = ClientBuilder.newClient().register(new FlagpostAuthFilter(tokens));

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void unauthorizedOnceIsRenewedAndTheResentResponseReachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        server.on("/evaluate/v1/variant", r -> calls.incrementAndGet() == 1
                ? Reply.json(401, "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}")
                : Reply.json(200, "{\"match\":true}"));

        try (Response response = client.target(server.uri("/evaluate/v1/variant")).request(MediaType.APPLICATION_JSON)
                .post(Entity.json("{\"flagKey\":\"f\"}"))) {
            assertEquals(200, response.getStatus());
            assertEquals("{\"match\":true}", response.readEntity(String.class));
        }
        assertEquals("Bearer t1", server.requests.get(0).header("authorization"));
        assertEquals("Bearer t2", server.requests.get(1).header("authorization"));
        assertEquals("{\"flagKey\":\"f\"}", server.requests.get(1).body());
        assertEquals(1, tokens.renewals.get());
    }

    @Test
    void forbiddenIsNotRetried() {
        server.on("/auth/v1/tokens", r -> Reply.json(403, "{}"));
        try (Response response = client.target(server.uri("/auth/v1/tokens")).request().get()) {
            assertEquals(403, response.getStatus());
        }
        assertEquals(1, server.requests.size());
        assertEquals(0, tokens.renewals.get());
    }

    @Test
    void unauthorizedTwiceIsResentOnlyOnce() {
        server.on("/auth/v1/self", r -> Reply.json(401, "{\"code\":16}"));
        try (Response response = client.target(server.uri("/auth/v1/self")).request().get()) {
            assertEquals(401, response.getStatus());
        }
        assertEquals(2, server.requests.size());
    }
}
