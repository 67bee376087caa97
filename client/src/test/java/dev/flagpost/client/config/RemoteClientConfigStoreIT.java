package dev.flagpost.client.config;

import dev.flagpost.client.auth.AuthenticationException;
import dev.flagpost.client.testing.MockIdp;
import dev.flagpost.client.testing.MutableClock;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stub Flagpost that proxies mock-oauth2-server's real RFC 8414 metadata. */
class RemoteClientConfigStoreIT {
    MockIdp idp;
    StubServer flagpost;
    String clientConfig = "{\"clientId\":\"flagpost-cli\",\"redirectUri\":\"http://127.0.0.1:8765/callback\","
            + "\"scopes\":[\"openid\",\"\",\"offline_access\"],\"audience\":\"\",\"authorizationMetadataKey\":\"\",\"issuer\":\"\"}";
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() {
        idp = new MockIdp();
        flagpost = new StubServer()
                .on("/.well-known/oauth-authorization-server", r -> Reply.json(200, HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(idp.metadataUrl()).build(), HttpResponse.BodyHandlers.ofString()).body()))
                .on("/auth/v1/client-config", r -> Reply.json(200, clientConfig));
    }

    @AfterEach
    void stop() {
        flagpost.close();
        idp.close();
    }

    RemoteClientConfigStore store() {
        return new RemoteClientConfigStore(ServerEndpoint.of(flagpost.url() + "/"), HttpClient.newHttpClient(), clock,
                Duration.ofMinutes(10));
    }

    @Test
    void combinesIdpMetadataWithFlagpostsClientConfig() {
        ClientConfig c = store().get();
        assertEquals(idp.tokenEndpoint(), c.tokenEndpoint());
        assertEquals(idp.config().authorizationEndpoint(), c.authorizationEndpoint());
        assertEquals("flagpost-cli", c.clientId());
        assertEquals(URI.create("http://127.0.0.1:8765/callback"), c.redirectUri());
        assertEquals(List.of("openid", "offline_access"), c.scopes());
        assertEquals(idp.issuer().toString(), c.issuer(), "empty issuer falls back to the metadata's");
    }

    @Test
    void emptyStringsAreTreatedAsAbsent() {
        ClientConfig c = store().get();
        assertNull(c.audience());
        assertEquals("authorization", c.headerKey());
    }

    @Test
    void clientConfigNamingAnotherIssuerThanTheMetadataIsRefused() {
        clientConfig = clientConfig.replace("\"issuer\":\"\"", "\"issuer\":\"https://evil.example\"");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> store().get());
        assertTrue(e.getMessage().contains("https://evil.example"), e.getMessage());
    }

    @Test
    void configIsCachedUntilTheTtlPasses() {
        RemoteClientConfigStore store = store();
        store.get();
        store.get();
        assertEquals(1, flagpost.requestsTo("/auth/v1/client-config").size());
        clock.advance(Duration.ofMinutes(11));
        store.get();
        assertEquals(2, flagpost.requestsTo("/auth/v1/client-config").size());
    }

    @Test
    void requestsAreAnonymous() {
        store().get();
        assertTrue(flagpost.requests.stream().allMatch(r -> r.header("Authorization") == null));
    }

    @Test
    void serverWithoutOAuthConfiguredGivesAnActionableError() {
        flagpost.on("/auth/v1/client-config", r -> Reply.json(404, "{\"code\":5,\"message\":\"not found\",\"details\":[]}"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> store().get());
        assertTrue(e.getMessage().contains("--server") || e.getMessage().contains("operator"), e.getMessage());
    }

    @Test
    void serverUrlIsNormalisedForKeysAndJoins() {
        assertEquals("https://flagpost.example.com:443", ServerEndpoint.of("https://Flagpost.Example.com/").key());
        assertEquals("http://h:8080/prefix", ServerEndpoint.of("http://h:8080/prefix//").key());
        assertEquals(URI.create("http://h:8080/prefix/auth/v1/self"), ServerEndpoint.of("http://h:8080/prefix/").resolve("/auth/v1/self"));
        assertThrows(IllegalArgumentException.class, () -> ServerEndpoint.of("ftp://h"));
    }
}
