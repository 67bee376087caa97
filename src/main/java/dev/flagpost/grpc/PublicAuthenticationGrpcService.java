package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import com.google.protobuf.Empty;
import dev.flagpost.authn.MethodListing;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.grpc.Lookup;
import dev.flagpost.grpc.auth.v1.ListAuthenticationMethodsResponse;
import dev.flagpost.grpc.auth.v1.Method;
import dev.flagpost.grpc.auth.v1.MethodInfo;
import dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** {@code flipt.auth.PublicAuthenticationService}: the twin of {@code GET /auth/v1/method}. Public. */
public class PublicAuthenticationGrpcService implements PublicAuthenticationServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.PUBLIC;
    private final Supplier<AuthenticationConfig> config;

    public PublicAuthenticationGrpcService() {
        this(Lookup.lazily(r -> r.config().authentication()));
    }

    public PublicAuthenticationGrpcService(Supplier<AuthenticationConfig> config) {
        this.config = config;
    }

    @Override
    public void listAuthenticationMethods(Empty request, StreamObserver<ListAuthenticationMethodsResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            var b = ListAuthenticationMethodsResponse.newBuilder();
            for (MethodListing.Entry e : MethodListing.of(config.get())) {
                b.addMethods(MethodInfo.newBuilder().setMethod(Method.forNumber(e.method().number()))
                        .setEnabled(e.enabled()).setSessionCompatible(e.sessionCompatible()));
            }
            return b.build();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcAuthInterceptor.bind(PublicAuthenticationServiceGrpc.bindService(this));
    }
}
