package dev.flagpost.grpc;

import io.grpc.BindableService;
import java.util.List;

/** Every gRPC service Flagpost serves, each binding the authentication gate itself. */
public final class GrpcServices {
    private GrpcServices() {
    }

    /** Fresh instances over the started runtime (their parts are looked up on first use). */
    public static List<BindableService> all() {
        return List.of(new FliptGrpcService(), new EvaluationGrpcService(), new DataGrpcService(), new PublicAuthenticationGrpcService(),
                new AuthenticationGrpcService(), new TokenMethodGrpcService(), new KubernetesMethodGrpcService(),
                new ClientConfigGrpcService());
    }
}
