package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import com.google.protobuf.Empty;
import dev.flagpost.authn.MethodListing;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.grpc.auth.v1.ListAuthenticationMethodsResponse;
import dev.flagpost.grpc.auth.v1.Method;
import dev.flagpost.grpc.auth.v1.MethodInfo;
import dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code flipt.auth.PublicAuthenticationService}: the twin of {@code GET /auth/v1/method}. Public. */
public class PublicAuthenticationGrpcService implements PublicAuthenticationServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.PUBLIC;
    private final Supplier<AuthenticationConfig> config;
    private final Supplier<Function<dev.flagpost.authn.Method, Map<String, Object>>> metadata;

    public PublicAuthenticationGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::authentication), GrpcBridge.lazily(p -> m -> p.methods().listingMetadata(m, "")));
    }

    /** @param metadata an enabled method's listing metadata (OIDC providers' and GitHub's authorize/callback URLs) */
    public PublicAuthenticationGrpcService(Supplier<AuthenticationConfig> config,
                                           Supplier<Function<dev.flagpost.authn.Method, Map<String, Object>>> metadata) {
        this.config = config;
        this.metadata = metadata;
    }

    @Override
    public void listAuthenticationMethods(Empty request, StreamObserver<ListAuthenticationMethodsResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            var b = ListAuthenticationMethodsResponse.newBuilder();
            for (MethodListing.Entry e : MethodListing.of(config.get(), metadata.get())) {
                var info = MethodInfo.newBuilder().setMethod(Method.forNumber(e.method().number()))
                        .setEnabled(e.enabled()).setSessionCompatible(e.sessionCompatible());
                if (!e.metadata().isEmpty()) {
                    info.setMetadata(ProtoMapping.struct(e.metadata()));
                }
                b.addMethods(info);
            }
            return b.build();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(PublicAuthenticationServiceGrpc.bindService(this));
    }
}
