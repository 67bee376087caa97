package dev.flagpost.authn.grpc;

import dev.flagpost.authn.Authentication;
import io.grpc.Context;
import java.util.Optional;

/** The authenticated caller of the current gRPC call, put into {@link Context} by the interceptor. */
public final class GrpcCaller {
    static final Context.Key<Authentication> KEY = Context.key("flagpost-caller");

    private GrpcCaller() {
    }

    public static Optional<Authentication> current() {
        return Optional.ofNullable(KEY.get());
    }
}
