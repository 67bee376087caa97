package dev.flagpost.grpc;

import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.store.FlagServices;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import io.grpc.ServerServiceDefinition;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way from CDI to the objects Liberty creates outside it: gRPC services and interceptors,
 * which Liberty instantiates with their no-argument constructors when it scans the WAR. A CDI bean
 * itself: at start it takes the parts gRPC needs by injection and publishes them once as
 * {@link Parts}; such objects read them through {@link #lazily}, on their first call (Liberty may
 * create them before the application has started). {@code CDI.current()} is not used because
 * gRPC's threads do not always carry the application's class loader. The application's own gRPC
 * port ({@link GrpcPort}) is handed the same parts.
 */
@ApplicationScoped
public class GrpcBridge {
    private static volatile Parts published;

    @Inject
    Gate gate;
    @Inject
    AuthenticationConfig authentication;
    @Inject
    AuthMethods methods;
    @Inject
    AuthenticationService authentications;
    @Inject
    FlagServices flags;
    @Inject
    EvaluationService evaluation;
    @Inject
    EvaluationStateCache snapshots;

    /** What gRPC services and the gate interceptor use. */
    public record Parts(Gate gate, AuthenticationConfig authentication, AuthMethods methods, AuthenticationService authentications,
                        FlagServices flags, EvaluationService evaluation, EvaluationStateCache snapshots) {
    }

    private Parts parts;

    @PostConstruct
    void open() {
        parts = new Parts(gate, authentication, methods, authentications, flags, evaluation, snapshots);
        published = parts;
    }

    /** Published with the application, not on the first gRPC call. */
    void onStartup(@Observes Startup event) {
        parts();
    }

    @PreDestroy
    void close() {
        published = null;
    }

    public Parts parts() {
        return parts;
    }

    /** {@code service} with the gate in front of every method; what each service's {@code bindService()} returns. */
    public static ServerServiceDefinition gated(ServerServiceDefinition service) {
        return GrpcAuthInterceptor.bind(service, lazily(Parts::gate));
    }

    /**
     * A part, read once from the published parts on first use and kept. Fails (the call ends
     * INTERNAL/UNAVAILABLE through {@link GrpcCalls}) while Flagpost has not started.
     */
    public static <T> Supplier<T> lazily(Function<Parts, T> part) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    Parts p = published;
                    if (p == null) {
                        throw new IllegalStateException("Flagpost has not started");
                    }
                    v = part.apply(p);
                    value = v;
                }
                return v;
            }
        };
    }
}
