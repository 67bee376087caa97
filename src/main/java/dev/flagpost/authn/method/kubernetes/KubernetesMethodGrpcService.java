package dev.flagpost.authn.method.kubernetes;

import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.grpc.GrpcBridge;
import dev.flagpost.grpc.GrpcCalls;
import dev.flagpost.grpc.ProtoMapping;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodKubernetesServiceGrpc;
import dev.flagpost.grpc.auth.v1.VerifyServiceAccountRequest;
import dev.flagpost.grpc.auth.v1.VerifyServiceAccountResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * {@code flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount}: the twin of
 * {@code POST /auth/v1/method/kubernetes/serviceaccount}; public in {@code Routes}.
 */
public class KubernetesMethodGrpcService implements AuthenticationMethodKubernetesServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.PUBLIC;
    private final Supplier<AuthMethods> methods;

    public KubernetesMethodGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::methods));
    }

    public KubernetesMethodGrpcService(Supplier<AuthMethods> methods) {
        this.methods = methods;
    }

    @Override
    public void verifyServiceAccount(VerifyServiceAccountRequest request, StreamObserver<VerifyServiceAccountResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            KubernetesLogin l = methods.get().running(KubernetesLogin.class).orElse(null);
            if (l == null) {
                // What Flipt's server answers, which registers the service only when the method is on.
                throw new FliptException(dev.flagpost.api.Code.UNIMPLEMENTED,
                        "unknown service flipt.auth.AuthenticationMethodKubernetesService (the kubernetes method is not enabled)");
            }
            TokenCreator.Created issued = l.exchange(request.getServiceAccountToken());
            return VerifyServiceAccountResponse.newBuilder().setClientToken(issued.clientToken())
                    .setAuthentication(ProtoMapping.authentication(issued.authentication())).build();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(AuthenticationMethodKubernetesServiceGrpc.bindService(this));
    }
}
