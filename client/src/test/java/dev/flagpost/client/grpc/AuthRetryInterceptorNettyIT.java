package dev.flagpost.client.grpc;

import dev.flagpost.client.testing.CountingTokenSource;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The retry over a real HTTP/2 transport on loopback, through the async (future) stub path. */
class AuthRetryInterceptorNettyIT {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @Test
    void tokenIsNotSentOverPlaintextToANonLoopbackAuthority() throws Exception {
        Server server = start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .overrideAuthority("flagpost.example.com").usePlaintext().build();
        try {
            CountingTokenSource tokens = new CountingTokenSource();
            io.grpc.StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, new AuthRetryInterceptor(tokens)),
                            AuthRetryInterceptorTest.ECHO, CallOptions.DEFAULT, "x"));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            org.junit.jupiter.api.Assertions.assertTrue(e.getStatus().getDescription().contains("plaintext"));
            assertEquals(List.of(), seen, "the server never saw the call");

            calls.set(1); // next call answers OK
            String ok = ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel,
                    new AuthRetryInterceptor(tokens, Runnable::run, true)), AuthRetryInterceptorTest.ECHO, CallOptions.DEFAULT, "y");
            assertEquals("echo:y", ok);
            assertEquals(List.of("Bearer t1"), seen, "explicitly allowed insecure transport sends the token");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    Server start() throws java.io.IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Echo")
                .addMethod(AuthRetryInterceptorTest.ECHO, ServerCalls.asyncUnaryCall((request, observer) -> {
                    if (calls.incrementAndGet() == 1) {
                        observer.onError(Status.UNAUTHENTICATED.withDescription("request was not authenticated").asRuntimeException());
                    } else {
                        observer.onNext("echo:" + request);
                        observer.onCompleted();
                    }
                })).build();
        ServerInterceptor record = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata h, ServerCallHandler<Q, R> next) {
                seen.add(h.get(AuthRetryInterceptorTest.AUTHORIZATION));
                return next.startCall(call, h);
            }
        };
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(service, record)).build().start();
    }

    @Test
    void asyncUnaryCallOverNettyIsRetriedOnceAfterUnauthenticated() throws Exception {
        Server server = start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        try {
            CountingTokenSource tokens = new CountingTokenSource();
            String reply = ClientCalls.futureUnaryCall(
                    ClientInterceptors.intercept(channel, new AuthRetryInterceptor(tokens))
                            .newCall(AuthRetryInterceptorTest.ECHO, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS)),
                    "ping").get(20, TimeUnit.SECONDS);

            assertEquals("echo:ping", reply);
            assertEquals(List.of("Bearer t1", "Bearer t2"), seen);
            assertEquals(1, tokens.renewals.get());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
