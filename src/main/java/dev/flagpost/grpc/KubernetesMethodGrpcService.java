package dev.flagpost.grpc;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.grpc.Lookup;
import dev.flagpost.authn.method.kubernetes.KubernetesLogin;
import dev.flagpost.authn.method.token.TokenCreator;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodKubernetesServiceGrpc;
import dev.flagpost.grpc.auth.v1.VerifyServiceAccountRequest;
import dev.flagpost.grpc.auth.v1.VerifyServiceAccountResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * {@code flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount}: the twin of
 * {@code POST /auth/v1/method/kubernetes/serviceaccount}; public in {@code GrpcRoutePolicy}.
 */
public class KubernetesMethodGrpcService extends AuthenticationMethodKubernetesServiceGrpc.AuthenticationMethodKubernetesServiceImplBase {
    private final Supplier<KubernetesLogin> login;

    public KubernetesMethodGrpcService() {
        this(Lookup.lazily(r -> r.kubernetesLogin()));
    }

    public KubernetesMethodGrpcService(Supplier<KubernetesLogin> login) {
        this.login = login;
    }

    @Override
    public void verifyServiceAccount(VerifyServiceAccountRequest request, StreamObserver<VerifyServiceAccountResponse> out) {
        GrpcCalls.unary(out, () -> {
            KubernetesLogin l = login.get();
            if (l == null) {
                throw FliptException.notFound("the kubernetes authentication method is not enabled");
            }
            TokenCreator.Created issued = l.exchange(request.getServiceAccountToken());
            return VerifyServiceAccountResponse.newBuilder().setClientToken(issued.clientToken())
                    .setAuthentication(ProtoMapping.authentication(issued.authentication())).build();
        });
    }
}
