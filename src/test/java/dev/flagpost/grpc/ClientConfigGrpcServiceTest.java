package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.grpc.client.v1.ClientConfig;
import dev.flagpost.grpc.client.v1.ClientConfigServiceGrpc;
import dev.flagpost.grpc.client.v1.GetClientConfigRequest;
import dev.flagpost.testing.Configs;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC twin of GET /auth/v1/client-config, in-process behind the real interceptor with authentication required. */
class ClientConfigGrpcServiceTest {
    final AuthenticationConfig auth = Configs.load("authentication: {required: true, methods: {token: {enabled: true}}}").authentication();
    final AtomicReference<ClientAuthConfig> client = new AtomicReference<>();
    Server server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        // No resolver: a gate that consulted one would fail the call (INTERNAL). The RPC must be public.
        var interceptor = new GrpcAuthInterceptor(() -> new Gate(new SectionAccess(auth), null, new CsrfGuard(auth.session())));
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new ClientConfigGrpcService(client::get), interceptor))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void anonymousCallersGetTheSameFieldsAsTheJsonRoute() {
        client.set(new ClientAuthConfig("https://idp.example.com/realms/main", "flagpost-cli", "http://127.0.0.1:0/callback",
                List.of("openid", "offline_access"), "flagpost", null));
        ClientConfig c = ClientConfigServiceGrpc.newBlockingStub(channel).getClientConfig(GetClientConfigRequest.getDefaultInstance());
        assertEquals("flagpost-cli", c.getClientId());
        assertEquals("http://127.0.0.1:0/callback", c.getRedirectUri());
        assertEquals(List.of("openid", "offline_access"), c.getScopesList());
        assertEquals("flagpost", c.getAudience());
        assertEquals("authorization", c.getAuthorizationMetadataKey());
        assertEquals("https://idp.example.com/realms/main", c.getIssuer());
    }

    @Test
    void optionalFieldsThatAreNotSetTravelAsEmptyStrings() {
        client.set(new ClientAuthConfig("https://idp.example.com", "cli", null, null, null, "x-flagpost-auth"));
        ClientConfig c = ClientConfigServiceGrpc.newBlockingStub(channel).getClientConfig(GetClientConfigRequest.getDefaultInstance());
        assertEquals("", c.getRedirectUri());
        assertEquals("", c.getAudience());
        assertEquals(0, c.getScopesCount());
        assertEquals("x-flagpost-auth", c.getAuthorizationMetadataKey());
    }

    @Test
    void withoutClientConfigurationTheCallIsNotFoundLikeTheHttp404() {
        client.set(ClientAuthConfig.none());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                ClientConfigServiceGrpc.newBlockingStub(channel).getClientConfig(GetClientConfigRequest.getDefaultInstance()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("no client configuration: set authentication.client.issuer and client_id", e.getStatus().getDescription());
    }
}
