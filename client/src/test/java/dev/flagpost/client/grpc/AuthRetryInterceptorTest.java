package dev.flagpost.client.grpc;

import dev.flagpost.client.auth.AccessTokenNotFoundException;
import dev.flagpost.client.auth.Credentials;
import dev.flagpost.client.auth.TokenSource;
import dev.flagpost.client.testing.CountingTokenSource;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-process gRPC with a test service whose answers are scripted per call. */
class AuthRetryInterceptorTest {
    static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Echo/Say")
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final List<String> seenHeaders = new CopyOnWriteArrayList<>();
    final List<String> seenMessages = new CopyOnWriteArrayList<>();
    /** Status per call in order; empty means OK. */
    final Queue<Status> script = new ConcurrentLinkedQueue<>();
    Server server;
    ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, observer) -> {
                    seenMessages.add(request);
                    Status s = script.poll();
                    if (s != null && !s.isOk()) {
                        observer.onError(s.asRuntimeException());
                    } else {
                        observer.onNext("echo:" + request);
                        observer.onCompleted();
                    }
                })).build();
        ServerInterceptor recordAuth = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                seenHeaders.add(headers.get(AUTHORIZATION));
                return next.startCall(call, headers);
            }
        };
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(service, recordAuth)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    String call(TokenSource tokens, String message) {
        return ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, new AuthRetryInterceptor(tokens)),
                ECHO, CallOptions.DEFAULT, message);
    }

    @Test
    void everyCallCarriesTheBearerToken() {
        assertEquals("echo:hi", call(new CountingTokenSource(), "hi"));
        assertEquals(List.of("Bearer t1"), seenHeaders);
    }

    @Test
    void unauthenticatedOnceIsRenewedAndRetriedWithTheNewToken() {
        CountingTokenSource tokens = new CountingTokenSource();
        script.add(Status.UNAUTHENTICATED.withDescription("request was not authenticated"));

        assertEquals("echo:hello", call(tokens, "hello"));

        assertEquals(List.of("Bearer t1", "Bearer t2"), seenHeaders);
        assertEquals(List.of("hello", "hello"), seenMessages, "the request is replayed");
        assertEquals(1, tokens.renewals.get());
    }

    @Test
    void permissionDeniedIsNeverRetriedNorRenewed() {
        CountingTokenSource tokens = new CountingTokenSource();
        script.add(Status.PERMISSION_DENIED);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(tokens, "x"));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals(1, seenHeaders.size());
        assertEquals(0, tokens.renewals.get());
    }

    @Test
    void unauthenticatedTwiceIsRetriedOnlyOnce() {
        CountingTokenSource tokens = new CountingTokenSource();
        script.add(Status.UNAUTHENTICATED);
        script.add(Status.UNAUTHENTICATED);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(tokens, "x"));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(2, seenHeaders.size());
        assertEquals(1, tokens.renewals.get());
    }

    @Test
    void failedRenewalReportsUnauthenticatedWithTheReason() {
        TokenSource tokens = new TokenSource() {
            @Override
            public Credentials credentials() {
                return Credentials.bearer("t1");
            }

            @Override
            public Credentials onRejected(String rejected) {
                throw new AccessTokenNotFoundException("not logged in; run `flagpost login`");
            }
        };
        script.add(Status.UNAUTHENTICATED);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(tokens, "x"));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("flagpost login"), e.getStatus().getDescription());
        assertEquals(1, seenHeaders.size());
    }

    @Test
    void tokenAcquisitionFailureFailsTheCallWithoutReachingTheServer() {
        TokenSource tokens = new TokenSource() {
            @Override
            public Credentials credentials() {
                throw new AccessTokenNotFoundException("not logged in; run `flagpost login`");
            }

            @Override
            public Credentials onRejected(String rejected) {
                throw new AssertionError("no token was sent, nothing to renew");
            }
        };
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(tokens, "x"));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(seenHeaders.isEmpty());
    }

    @Test
    void callCredentialsAloneAddTheHeaderKeyFromTheTokenSource() {
        TokenSource tokens = new TokenSource() {
            @Override
            public Credentials credentials() {
                return Credentials.bearer("abc").withScheme("JWT");
            }

            @Override
            public Credentials onRejected(String rejected) {
                return credentials();
            }
        };
        ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withCallCredentials(new FlagpostCallCredentials(tokens)), "x");
        assertEquals(List.of("JWT abc"), seenHeaders);
    }
}
