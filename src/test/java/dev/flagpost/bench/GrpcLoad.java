package dev.flagpost.bench;

import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small, bounded gRPC load client for bench/grpc-evaluation.sh (ghz is not available here):
 * {@code threads} blocking callers of {@code flipt.evaluation.EvaluationService/Boolean} on one
 * channel for {@code seconds}, then requests/s and the p99 latency. Loopback only.
 *
 * <p>Usage: {@code GrpcLoad <port> <seconds> <threads> [token]}
 */
public final class GrpcLoad {
    private GrpcLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        String token = args.length > 3 ? args[3] : null;
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
        var stub = EvaluationServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            Metadata m = new Metadata();
            m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
        }
        EvaluationRequest request = EvaluationRequest.newBuilder().setNamespaceKey("default").setFlagKey("bench")
                .setEntityId("user-42").putContext("plan", "pro").build();
        var finalStub = stub;
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        int[] counts = new int[threads];
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            int index = t;
            Thread w = new Thread(() -> {
                int n = 0;
                while (running.get() && n < mine.length) {
                    long start = System.nanoTime();
                    finalStub.withDeadlineAfter(10, TimeUnit.SECONDS).boolean_(request);
                    mine[n++] = System.nanoTime() - start;
                }
                counts[index] = n;
            });
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        double p99 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6;
        System.out.printf("requests/s %.0f p99 %.2fms%n", total / (double) seconds, p99);
    }
}
