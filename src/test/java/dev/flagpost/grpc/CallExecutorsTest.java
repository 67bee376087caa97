package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Credential;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import dev.flagpost.authn.Resolution;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import dev.flagpost.testing.Configs;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Which calls on the gRPC port may run on Netty's event loop: only what cannot block. */
class CallExecutorsTest {
    final AuthenticationConfig config = Configs.load("authentication: {required: true, methods: {token: {enabled: true}}}").authentication();
    static final Authentication CALLER = new Authentication("caller", Method.TOKEN, null, Instant.EPOCH, Instant.EPOCH, Map.of(), false);
    /** Resolutions that would have read the store (the loading resolver was asked). */
    final List<String> loaded = new ArrayList<>();
    /** "cached" is known in memory; anything else would be read from the store. */
    final Gate gate = new Gate(new SectionAccess(config), c -> {
        loaded.add(c.value());
        return new Resolution.Unauthenticated("test");
    }, new CsrfGuard(config.session()),
            c -> c instanceof Credential.ClientToken t && t.value().equals("cached") ? Optional.of(new Resolution.Authenticated(CALLER)) : Optional.empty());
    final List<Runnable> pooled = new ArrayList<>();
    final Executor pool = pooled::add;
    final CallExecutors executors = new CallExecutors(() -> gate, pool);

    @Test
    void anEvaluationWhoseCallerIsKnownInMemoryRunsInline() {
        Executor chosen = executors.getExecutor(call(EvaluationServiceGrpc.getBooleanMethod()), bearer("cached"));
        assertNotSame(pool, chosen);
        boolean[] inline = new boolean[1];
        chosen.execute(() -> inline[0] = CallExecutors.offloadTarget().isPresent());
        assertTrue(inline[0], "the task ran at once, knowing where to move if it must read");
        assertTrue(CallExecutors.offloadTarget().isEmpty(), "and only while it ran");
    }

    @Test
    void aRefusalWithoutCredentialIsDecidedInMemoryToo() {
        assertNotSame(pool, executors.getExecutor(call(EvaluationServiceGrpc.getVariantMethod()), new Metadata()));
    }

    @Test
    void anEvaluationWithATokenNotYetCachedGoesToThePool() {
        assertSame(pool, executors.getExecutor(call(EvaluationServiceGrpc.getBooleanMethod()), bearer("uncached")));
    }

    @Test
    void managementAndLoginCallsAlwaysGoToThePool() {
        assertSame(pool, executors.getExecutor(call(FliptGrpc.getCreateFlagMethod()), bearer("cached")));
        assertSame(pool, executors.getExecutor(call(FliptGrpc.getEvaluateMethod()), bearer("cached")));
    }

    @Test
    void anInlineCallThatMustReadMovesToThePoolAndOtherwiseStays() {
        List<String> ran = new ArrayList<>();
        Executor inline = executors.getExecutor(call(EvaluationServiceGrpc.getBooleanMethod()), bearer("cached"));
        inline.execute(() -> {
            CallExecutors.runOrOffload(false, () -> ran.add("here"));
            CallExecutors.runOrOffload(true, () -> ran.add("moved"));
        });
        assertEquals(List.of("here"), ran);
        assertEquals(1, pooled.size(), "the reading call was handed to the pool");
        pooled.get(0).run();
        assertEquals(List.of("here", "moved"), ran);
        CallExecutors.runOrOffload(true, () -> ran.add("pool thread: no move"));
        assertEquals(1, pooled.size());
    }

    @Test
    void anInlineCallIsStartedWithTheDecisionMadeInMemoryAndNeverResolvesAgain() {
        Metadata headers = bearer("cached");
        ServerCall<dev.flagpost.grpc.evaluation.v1.EvaluationRequest, dev.flagpost.grpc.evaluation.v1.BooleanEvaluationResponse> call =
                call(EvaluationServiceGrpc.getBooleanMethod());
        Executor inline = executors.getExecutor(call, headers);
        assertNotSame(pool, inline);
        // Had the cache entry expired meanwhile, a second resolution would read the store on the event loop.
        List<Optional<Authentication>> seen = new ArrayList<>();
        inline.execute(() -> new GrpcAuthInterceptor(() -> gate).interceptCall(call, headers, (c, h) -> {
            seen.add(dev.flagpost.authn.grpc.GrpcCaller.current());
            return new ServerCall.Listener<>() {
            };
        }));
        assertEquals(List.of(Optional.of(CALLER)), seen, "the call ran as the caller decided in memory");
        assertEquals(List.of(), loaded, "and the gate did not resolve the token again");
    }

    @Test
    void aDecisionHandedOverAppliesOnlyToItsOwnCall() {
        executors.getExecutor(call(EvaluationServiceGrpc.getBooleanMethod()), bearer("cached"));
        Metadata other = bearer("someone-else");
        List<Boolean> started = new ArrayList<>();
        new GrpcAuthInterceptor(() -> gate).interceptCall(call(EvaluationServiceGrpc.getBooleanMethod()), other, (c, h) -> {
            started.add(true);
            return new ServerCall.Listener<>() {
            };
        });
        assertEquals(List.of(), started, "another call's headers: decided afresh, and refused");
        assertEquals(List.of("someone-else"), loaded);
    }

    static Metadata bearer(String token) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return m;
    }

    static <Q, R> ServerCall<Q, R> call(MethodDescriptor<Q, R> method) {
        return new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(R message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Attributes getAttributes() {
                return Attributes.EMPTY;
            }

            @Override
            public MethodDescriptor<Q, R> getMethodDescriptor() {
                return method;
            }
        };
    }
}
