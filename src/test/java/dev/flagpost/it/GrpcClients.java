package dev.flagpost.it;

import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** grpc-java (netty-shaded) channels to the test servers, plaintext HTTP/2, shared per port. */
final class GrpcClients {
    private static final Map<Integer, ManagedChannel> CHANNELS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHANNELS.values().forEach(c -> {
            c.shutdownNow();
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
    }

    private GrpcClients() {
    }

    static ManagedChannel channel(int port) {
        return CHANNELS.computeIfAbsent(port, p -> Grpc.newChannelBuilderForAddress("127.0.0.1", p, InsecureChannelCredentials.create())
                .maxInboundMessageSize(4 * 1024 * 1024).build());
    }

    /** The stub with {@code authorization: <value>} on every call (no header when value is null). */
    static <S extends AbstractStub<S>> S with(S stub, String authorization) {
        S s = stub.withDeadlineAfter(30, TimeUnit.SECONDS);
        if (authorization == null) {
            return s;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        ClientInterceptor attach = MetadataUtils.newAttachHeadersInterceptor(headers);
        return s.withInterceptors(attach);
    }
}
