package dev.flagpost.authn.grpc;

import dev.flagpost.api.Code;
import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.gate.Routes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gRPC side of the gate: {@code authorization: Bearer <token>} or {@code JWT <jwt>} metadata,
 * the same decision as HTTP, UNAUTHENTICATED / PERMISSION_DENIED / UNAVAILABLE where HTTP answers
 * 401 / 403 / 503. A refused call is closed here and never reaches the service.
 *
 * <p>Every service binds this interceptor itself ({@link #bind}), so the gate runs whether or not
 * the server's {@code <grpc serverInterceptors=...>} names it. Named there (Liberty then creates it
 * with the no-argument constructor, outside CDI), it has no gate of its own and leaves the decision
 * to the instance each service binds; it is kept so that such server.xml files still load.
 */
public class GrpcAuthInterceptor implements ServerInterceptor {
    private static final String AUTHORIZATION = "authorization";
    private static final Logger LOG = Logger.getLogger(GrpcAuthInterceptor.class.getName());

    /** Null for an instance named in server.xml: it defers to the one bound by the service. */
    private final Supplier<Gate> gate;
    /**
     * A decision already made for a call on this thread, with the headers object of that call:
     * the gRPC port decides in-memory evaluations while choosing their executor
     * ({@link #decidedFor}) and runs them at once on the same thread, so the gate runs once and the
     * event loop never waits. Matched by identity, so it can only ever apply to its own call.
     */
    private static final ThreadLocal<Object[]> DECIDED = new ThreadLocal<>();

    public GrpcAuthInterceptor() {
        this.gate = null;
    }

    public GrpcAuthInterceptor(Supplier<Gate> gate) {
        this.gate = java.util.Objects.requireNonNull(gate, "gate");
    }

    /**
     * Hands {@code decision}, made from memory for the call whose headers are {@code headers}, to the
     * interceptor that is about to run that call on this thread.
     */
    public static void decidedFor(Metadata headers, Decision decision) {
        DECIDED.set(new Object[] {headers, decision});
    }

    private static Decision takeDecided(Metadata headers) {
        Object[] d = DECIDED.get();
        if (d == null) {
            return null;
        }
        DECIDED.remove();
        return d[0] == headers ? (Decision) d[1] : null;
    }

    /** A service definition whose every method passes {@code gate} first. */
    public static ServerServiceDefinition bind(ServerServiceDefinition service, Supplier<Gate> gate) {
        return ServerInterceptors.intercept(service, new GrpcAuthInterceptor(gate));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (gate == null || GrpcCaller.GATED.get() != null) {
            // Already decided by another instance on this call, or this one defers to the service's own.
            return next.startCall(call, headers);
        }
        String method = call.getMethodDescriptor().getFullMethodName();
        Gate deciding = null;
        Decision decision;
        try {
            deciding = gate.get();
            Decision made = takeDecided(headers);
            decision = made != null ? made : deciding.decide(GateRequest.grpc(Routes.grpc(method), authorization(headers)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the authentication gate failed; the call to " + method + " was refused", e);
            decision = new Decision.Refuse(Code.INTERNAL, "internal error", false);
        }
        if (decision instanceof Decision.Refuse refuse) {
            call.close(Status.fromCodeValue(refuse.code().number()).withDescription(refuse.message()), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Context context = Context.current().withValue(GrpcCaller.GATED, deciding);
        if (decision instanceof Decision.Pass pass) {
            context = context.withValue(GrpcCaller.KEY, pass.caller());
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    /**
     * Every {@code authorization} value, whatever the case of its name: Liberty hands standard
     * headers to gRPC with capitalised raw names ({@code Authorization}), which no (lower-case)
     * {@code Metadata.Key} matches, so the serialized pairs are read instead. Repeated values are
     * all kept, so that two credentials are refused here exactly as two HTTP headers are.
     */
    public static List<String> authorization(Metadata headers) {
        List<String> values = new ArrayList<>(1);
        byte[][] pairs = InternalMetadata.serialize(headers);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (AUTHORIZATION.equalsIgnoreCase(new String(pairs[i], StandardCharsets.US_ASCII))) {
                values.add(new String(pairs[i + 1], StandardCharsets.US_ASCII));
            }
        }
        return values;
    }
}
