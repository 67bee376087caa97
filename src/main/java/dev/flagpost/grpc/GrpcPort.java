package dev.flagpost.grpc;

import dev.flagpost.app.StartupFailure;
import dev.flagpost.config.InvalidConfigException;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Flipt's gRPC port (9000), served by grpc-java's own Netty transport inside the application, with
 * the same service objects and gate as gRPC on the HTTP port (which Liberty's servlet transport
 * serves). Liberty's transport costs a servlet dispatch and several thread hand-offs per call;
 * docs/architecture.md has the measurements behind this choice.
 */
@ApplicationScoped
public class GrpcPort {
    private static final Logger LOG = Logger.getLogger(GrpcPort.class.getName());
    /** As server.xml's {@code <grpc maxInboundMessageSize>}: the same cap on both ports. */
    static final int MAX_MESSAGE = 1 << 20;
    /** Threads for calls that may block (management, logins, uncached credentials). */
    static final int POOL_THREADS = 32;
    static final String EVENT_LOOPS = "flagpost.grpc.event-loops";

    @Inject
    GrpcBridge bridge;

    @Inject
    Config config;

    private Server server;
    private ExecutorService pool;
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    /** After the application's parts: a failed start has already stopped the application by then. */
    void start(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) Startup event) {
        GrpcBridge.Parts parts = bridge.parts();
        int port = config.getOptionalValue("flagpost.grpc.port", Integer.class).orElse(9000);
        if (port <= 0) {
            LOG.info("flagpost.grpc.port is " + port + ": no gRPC port of its own; gRPC is served on the HTTP port only");
            return;
        }
        String host = config.getOptionalValue("flagpost.http.host", String.class).orElse("localhost");
        InetSocketAddress address = host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        int loops;
        try {
            loops = eventLoops(config.getOptionalValue(EVENT_LOOPS, String.class), Runtime.getRuntime().availableProcessors());
        } catch (InvalidConfigException e) {
            throw StartupFailure.stop("Flagpost cannot start: " + e.getMessage(), e);
        }
        // Bounded: blocking calls queue here rather than each taking a thread (the database pool is smaller anyway).
        ThreadPoolExecutor bounded = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("flagpost-grpc-pool"));
        bounded.allowCoreThreadTimeOut(true);
        pool = bounded;
        boolean epoll = Epoll.isAvailable();
        boss = loopGroup(epoll, 1, "flagpost-grpc-accept");
        workers = loopGroup(epoll, loops, "flagpost-grpc-loop");
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address).maxInboundMessageSize(MAX_MESSAGE)
                .bossEventLoopGroup(boss).workerEventLoopGroup(workers)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                // Direct by default, so that CallExecutors chooses on the event loop; it sends every call that may block to the pool.
                .directExecutor().callExecutor(new CallExecutors(parts::gate, pool));
        for (BindableService service : GrpcServices.all()) {
            builder.addService(service);
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw StartupFailure.stop("Flagpost cannot start: gRPC cannot listen on " + address + ": " + e.getMessage()
                    + "\n  (fix: free the port, or set flagpost.grpc.port / FLAGPOST_GRPC_PORT to another port, or -1 for none)", e);
        }
        LOG.info(() -> "gRPC listening on " + address + " (" + loops + (loops == 1 ? " event loop)" : " event loops)"));
    }

    /**
     * How many event loops serve the port: {@value #EVENT_LOOPS} when set, else half the cores (at
     * least one). Cached evaluations run on the loops themselves (CallExecutors), and a connection
     * stays on one loop: when busy loops outnumber the cores the kernel parks some of them for a
     * time slice, and every call on their connections waits that long (measured: p99 2.4x HTTP's
     * with Netty's default of twice the cores, on par or better with half). The other half is left
     * to Liberty's HTTP transport, the pool and the garbage collector.
     */
    static int eventLoops(Optional<String> setting, int cores) throws InvalidConfigException {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return Math.max(1, cores / 2);
        }
        try {
            int loops = Integer.parseInt(setting.get().trim());
            if (loops >= 1) {
                return loops;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidConfigException.of(EVENT_LOOPS, "must be a whole number of at least 1, not '" + setting.get() + "'",
                "remove it (half the cores), or set it (FLAGPOST_GRPC_EVENT_LOOPS) to e.g. " + Math.max(1, cores / 2));
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        // Also after a failed bind, when there is no server but its threads' owners exist.
        if (pool != null) {
            pool.shutdownNow();
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }

    /** Epoll where Netty's native transport loads (Linux), NIO elsewhere; the channel type must match. */
    private static EventLoopGroup loopGroup(boolean epoll, int threads, String name) {
        return epoll ? new EpollEventLoopGroup(threads, threads(name)) : new NioEventLoopGroup(threads, threads(name));
    }

    /** Named daemon threads, so a thread dump says whose they are and they never hold the JVM up. */
    private static ThreadFactory threads(String name) {
        return new DefaultThreadFactory(name, true);
    }
}
