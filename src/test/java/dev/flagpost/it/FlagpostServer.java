package dev.flagpost.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flagpost server for integration tests: the runnable jar that {@code mvn package} builds,
 * with the probe servlet added ({@link ProbeJar}), started as users start it ({@code java -jar}) with its own port, config and
 * extraction directory. Servers are shared by name across test classes and stopped at JVM exit.
 */
public final class FlagpostServer {
    private static final Map<String, FlagpostServer> RUNNING = new ConcurrentHashMap<>();
    private static final java.util.Set<String> FRESH = ConcurrentHashMap.newKeySet();
    private static final Pattern BOOTSTRAP = Pattern.compile("shown once, store it safely\\):\\s+(\\S+)");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.values().forEach(FlagpostServer::stop)));
    }

    private final String name;
    private final Path dir;
    private final Path log;
    private final int port;
    private final int grpcPort;
    private final Process process;

    private FlagpostServer(String name, Path dir, int port, int grpcPort, Process process) {
        this.name = name;
        this.dir = dir;
        this.log = dir.resolve("console.log");
        this.port = port;
        this.grpcPort = grpcPort;
        this.process = process;
    }

    /** The running server of this name, started with this config on first use. */
    public static FlagpostServer shared(String name, String configYaml, Map<String, String> env) {
        return RUNNING.computeIfAbsent(name, n -> {
            if (FRESH.add(n)) {
                deleteRecursively(base().resolve(n)); // each test run starts from an empty database
            }
            FlagpostServer s = launch(n, configYaml, env);
            s.awaitReady();
            return s;
        });
    }

    /** Starts a server that is expected to refuse to start; returns once it has exited. */
    public static Exit expectExit(String name, String configYaml, Map<String, String> env) {
        FlagpostServer s = launch(name, configYaml, env);
        try {
            if (!s.process.waitFor(120, TimeUnit.SECONDS)) {
                s.stop();
                throw new AssertionError("server " + name + " kept running although its config is invalid:\n" + s.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Exit(s.process.exitValue(), s.output());
    }

    public record Exit(int code, String output) {
    }

    /** Starts (again) a server over an existing directory, e.g. to see what a restart prints. */
    public static FlagpostServer restart(String name, String configYaml, Map<String, String> env) {
        FlagpostServer old = RUNNING.remove(name);
        if (old != null) {
            old.stop();
        }
        return shared(name, configYaml, env);
    }

    private static FlagpostServer launch(String name, String configYaml, Map<String, String> env) {
        try {
            Path dir = base().resolve(name);
            Files.createDirectories(dir);
            int port = freePort();
            int grpcPort = env.containsKey("FLAGPOST_GRPC_PORT") ? Integer.parseInt(env.get("FLAGPOST_GRPC_PORT")) : freePort();
            Map<String, String> environment = new HashMap<>(env);
            environment.put("FLAGPOST_HTTP_PORT", Integer.toString(port));
            environment.putIfAbsent("FLAGPOST_GRPC_PORT", Integer.toString(grpcPort));
            environment.put("FLAGPOST_HTTP_HOST", "127.0.0.1");
            // The runnable jar extracts into a new folder each start; the data folder outlives it.
            Path runtime = dir.resolve("runtime-" + System.nanoTime());
            environment.put("WLP_JAR_EXTRACT_DIR", runtime.toString());
            environment.putIfAbsent("FLAGPOST_DATA_DIR", dir.resolve("data").toString());
            if (configYaml != null) {
                Path config = dir.resolve("config.yaml");
                Files.writeString(config, configYaml);
                environment.put("FLAGPOST_CONFIG", config.toString());
            }
            // The production jar plus the probe servlet the gate tests call (see ProbeJar).
            Path jar = ProbeJar.of(Path.of(System.getProperty("flagpost.jar", "target/flagpost.jar")), base());
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
            pb.environment().remove("FLAGPOST_CONFIG");
            pb.environment().putAll(environment);
            Files.writeString(dir.resolve("console.log"), "=== start " + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new FlagpostServer(name, dir, port, grpcPort, pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start server " + name, e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("server " + name + " exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/health/ready")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && output().contains("CWWKZ0001I")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(300);
        }
        stop();
        throw new AssertionError("server " + name + " did not become ready:\n" + output());
    }

    private static Path base() {
        return Path.of(System.getProperty("flagpost.it.dir", "target/it-servers"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear " + dir, e);
        }
    }

    /** Flipt's dedicated gRPC port; gRPC is served on {@link #httpPort()} too. */
    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The bootstrap token printed by the latest start of this server. */
    public String bootstrapToken() {
        String out = output();
        String latest = out.substring(out.lastIndexOf("=== start"));
        Matcher m = BOOTSTRAP.matcher(latest);
        if (!m.find()) {
            throw new AssertionError("no bootstrap token printed by " + name + ":\n" + latest);
        }
        return m.group(1);
    }

    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
