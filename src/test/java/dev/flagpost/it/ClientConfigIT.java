package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public discovery routes for clients, against a real OAuth 2.0 provider (mock-oauth2-server) on loopback. */
class ClientConfigIT {
    static MockOAuth2Server idp;
    static FlagpostServer server;
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = idp.issuerUrl("flagpost").toString();
        server = FlagpostServer.shared("client-config", """
                authentication:
                  required: true
                  methods: {token: {enabled: true}}
                  client:
                    issuer: "${env:IT_ISSUER}"
                    client_id: flagpost-cli
                    redirect_uri: http://localhost:53682/callback
                    scopes: [openid, offline_access]
                    audience: flagpost
                """, Map.of("IT_ISSUER", issuer));
    }

    @AfterAll
    static void stop() {
        server.stop();
        idp.shutdown();
    }

    @Test
    void clientConfigIsPublicAndSaysHowToLogIn() {
        Http.Response r = new Http(server).get("/auth/v1/client-config");
        assertEquals(200, r.status(), r.body());
        JsonNode c = r.json();
        assertEquals("flagpost-cli", c.get("clientId").asText());
        assertEquals("http://localhost:53682/callback", c.get("redirectUri").asText());
        assertEquals("offline_access", c.get("scopes").get(1).asText());
        assertEquals("authorization", c.get("authorizationMetadataKey").asText());
        assertEquals(issuer, c.get("issuer").asText());
    }

    @Test
    void providerMetadataIsProxiedFromTheRealProvider() {
        Http.Response r = new Http(server).get("/.well-known/oauth-authorization-server");
        assertEquals(200, r.status(), r.body());
        assertEquals(issuer, r.json().get("issuer").asText());
        assertEquals(idp.tokenEndpointUrl("flagpost").toString(), r.json().get("token_endpoint").asText());
    }

    @Test
    void withoutClientConfigBothRoutesAre404() {
        Http http = new Http(Servers.byDatabase("h2"));
        assertEquals(404, http.get("/auth/v1/client-config").status());
        assertEquals(404, http.get("/.well-known/oauth-authorization-server").status());
    }
}
