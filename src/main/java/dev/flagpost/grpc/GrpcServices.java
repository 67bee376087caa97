package dev.flagpost.grpc;

import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import io.grpc.BindableService;
import java.util.ArrayList;
import java.util.List;

/** Every gRPC service Flagpost serves, each binding the authentication gate itself: Flipt's core ones, then each method's. */
public final class GrpcServices {
    private GrpcServices() {
    }

    /** Fresh instances; their parts come from {@link GrpcBridge} on first use. */
    public static List<BindableService> all() {
        List<BindableService> out = new ArrayList<>(List.of(new FliptGrpcService(), new EvaluationGrpcService(), new DataGrpcService(),
                new PublicAuthenticationGrpcService(), new AuthenticationGrpcService(), new ClientConfigGrpcService()));
        for (AuthMethodFactory<?> f : AuthMethods.factories()) {
            out.addAll(f.grpcServices());
        }
        return out;
    }
}
