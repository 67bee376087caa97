package dev.flagpost.authn.grpc;

import dev.flagpost.app.FlagpostRuntime;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * For classes Liberty creates outside CDI (gRPC services and interceptors): the runtime, handed
 * over when the application starts. {@code CDI.current()} is not used because gRPC executor
 * threads do not always carry the application's class loader ("Could not find deployment").
 */
public final class Lookup {
    private static volatile FlagpostRuntime runtime;

    private Lookup() {
    }

    public static void register(FlagpostRuntime started) {
        runtime = started;
    }

    public static <T> Supplier<T> lazily(Function<FlagpostRuntime, T> part) {
        return () -> {
            FlagpostRuntime r = runtime;
            if (r == null) {
                throw new IllegalStateException("Flagpost has not started");
            }
            return part.apply(r);
        };
    }
}
