package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagpost.grpc.client.v1.ClientConfigServiceGrpc;
import dev.flagpost.grpc.client.v1.GetClientConfigRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public discovery routes for clients (HTTP and the gRPC twin), against a real OAuth 2.0 provider (mock-oauth2-server) on loopback. */
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
    void theGrpcTwinIsPublicAndSaysTheSame() {
        var c = ClientConfigServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort()))
                .withDeadlineAfter(30, TimeUnit.SECONDS).getClientConfig(GetClientConfigRequest.getDefaultInstance());
        assertEquals("flagpost-cli", c.getClientId());
        assertEquals("http://localhost:53682/callback", c.getRedirectUri());
        assertEquals(List.of("openid", "offline_access"), c.getScopesList());
        assertEquals("flagpost", c.getAudience());
        assertEquals("authorization", c.getAuthorizationMetadataKey());
        assertEquals(issuer, c.getIssuer());
    }

    @Test
    void withoutClientConfigTheGrpcTwinIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                ClientConfigServiceGrpc.newBlockingStub(GrpcClients.channel(Servers.byDatabase("h2").grpcPort()))
                        .withDeadlineAfter(30, TimeUnit.SECONDS).getClientConfig(GetClientConfigRequest.getDefaultInstance()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void withoutClientConfigBothRoutesAre404() {
        Http http = new Http(Servers.byDatabase("h2"));
        assertEquals(404, http.get("/auth/v1/client-config").status());
        assertEquals(404, http.get("/.well-known/oauth-authorization-server").status());
    }
}
