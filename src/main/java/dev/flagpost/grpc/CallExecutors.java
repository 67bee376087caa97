package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import dev.flagpost.authn.gate.Routes;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where each call on the gRPC port runs. Handing a call from Netty's event loop to a pool thread
 * and back costs more than an evaluation itself (measured: 12k calls/s through a pool, 25k
 * inline), so an evaluation whose caller the gate knows in memory runs on the event loop. Every
 * other call — management, logins, a token not yet cached, a JWT — runs on the pool, because an
 * event loop must never wait for the database or a key server. An inline evaluation whose
 * namespace snapshot is not loaded yet moves itself to the pool ({@link #offloadTarget}).
 */
final class CallExecutors implements ServerCallExecutorSupplier {
    private static final Set<String> IN_MEMORY = Set.of("flipt.evaluation.EvaluationService/Boolean",
            "flipt.evaluation.EvaluationService/Variant", "flipt.evaluation.EvaluationService/Batch");
    /** Set while a call runs inline: the pool it may move to. */
    private static final ThreadLocal<Executor> INLINE = new ThreadLocal<>();

    private final Supplier<Gate> gate;
    private final Executor pool;
    private final Executor inline;

    CallExecutors(Supplier<Gate> gate, Executor pool) {
        this.gate = gate;
        this.pool = pool;
        this.inline = task -> {
            INLINE.set(pool);
            try {
                task.run();
            } finally {
                INLINE.remove();
            }
        };
    }

    /**
     * Called on the event loop (the server's default executor is direct, so that choosing costs no
     * hand-off): the inline executor for an in-memory evaluation, the pool for everything else.
     */
    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!IN_MEMORY.contains(method)) {
            return pool;
        }
        try {
            GateRequest request = GateRequest.grpc(Routes.grpc(method), GrpcAuthInterceptor.authorization(headers));
            Optional<Decision> decided = gate.get().decideInMemory(request);
            if (decided.isEmpty()) {
                return pool;
            }
            // The call starts on this thread right after this returns: its gate uses this decision
            // rather than resolving again, so nothing between here and there can reach the store.
            GrpcAuthInterceptor.decidedFor(headers, decided.get());
            return inline;
        } catch (RuntimeException e) {
            return pool; // the gate, on the pool, will say what is wrong
        }
    }

    /** The pool to move to when the current call runs inline and is about to do I/O; empty otherwise. */
    static Optional<Executor> offloadTarget() {
        return Optional.ofNullable(INLINE.get());
    }

    /** Runs {@code call} here, or on the pool (in the same gRPC context) when it must not run inline. */
    static void runOrOffload(boolean needsIo, Runnable call) {
        Optional<Executor> pool = needsIo ? offloadTarget() : Optional.empty();
        if (pool.isPresent()) {
            pool.get().execute(Context.current().wrap(call));
        } else {
            call.run();
        }
    }
}
