package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.client.ClientConfigResource;
import dev.flagpost.grpc.client.v1.ClientConfig;
import dev.flagpost.grpc.client.v1.ClientConfigServiceGrpc;
import dev.flagpost.grpc.client.v1.GetClientConfigRequest;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * {@code flagpost.client.v1.ClientConfigService}: the twin of {@code GET /auth/v1/client-config}.
 * Public, and NOT_FOUND with the same message when {@code authentication.client} is not set.
 */
public class ClientConfigGrpcService implements ClientConfigServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.PUBLIC;
    private final Supplier<ClientAuthConfig> config;

    /** Liberty's grpc-1.0 feature binds this with the no-arg constructor, outside CDI. */
    public ClientConfigGrpcService() {
        this(GrpcBridge.lazily(p -> p.authentication().client()));
    }

    public ClientConfigGrpcService(Supplier<ClientAuthConfig> config) {
        this.config = config;
    }

    @Override
    public void getClientConfig(GetClientConfigRequest request, StreamObserver<ClientConfig> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            ClientAuthConfig c = ClientConfigResource.requireConfigured(config.get());
            // proto3 strings cannot be null: absent values travel as "" (the client treats "" as absent).
            return ClientConfig.newBuilder().setClientId(c.clientId()).setRedirectUri(orEmpty(c.redirectUri()))
                    .addAllScopes(c.scopes()).setAudience(orEmpty(c.audience()))
                    .setAuthorizationMetadataKey(c.authorizationMetadataKey()).setIssuer(c.issuer()).build();
        });
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(ClientConfigServiceGrpc.bindService(this));
    }
}
