package dev.flagpost.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock Open Liberty server that a user would run: the Open Liberty that {@code mvn package} unpacks
 * into {@code target/liberty/wlp}, driven by its own {@code bin/server} script, with a user directory
 * of its own ({@code WLP_USER_DIR}) so that nothing of Flagpost's packaged server (its server.xml,
 * its variables) is in sight. The test writes the files docs/deploy-war.md tells users to write.
 *
 * <p>Why the {@code server} script and not Arquillian's Liberty managed container: the script is
 * exactly what the doc's reader runs, it needs no further dependency, and it deploys the application
 * the way the doc says ({@code <webApplication>} in server.xml); the Arquillian adapter would add a
 * container dependency and its own deployment path (dropins or JMX) over the same wlp directory.
 */
final class StockLiberty implements AutoCloseable {
    private static final Pattern APP_OUTCOME = Pattern.compile("(CWWKZ0001I|CWWKZ0002E|CWWKZ0012I|CWWKZ0014W)[^\\n]*\\bflagpost\\b");

    private final String name;
    private final Path userDir;
    private final Path serverDir;
    private final Path wlp;
    private final int httpPort;
    private boolean started;

    private StockLiberty(String name, Path userDir, Path wlp, int httpPort) {
        this.name = name;
        this.userDir = userDir;
        this.serverDir = userDir.resolve("servers").resolve(name);
        this.wlp = wlp;
        this.httpPort = httpPort;
    }

    /** A new server {@code name} ({@code server create}), in a fresh user directory under the IT folder. */
    static StockLiberty create(String name, int httpPort) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("flagpost.wlp", "target/liberty/wlp")).toAbsolutePath();
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new AssertionError("no Open Liberty at " + wlp + " (mvn package unpacks it there)");
        }
        Path userDir = Path.of(System.getProperty("flagpost.it.dir", "target/it-servers")).resolve("war-" + name).toAbsolutePath();
        deleteRecursively(userDir);
        Files.createDirectories(userDir);
        StockLiberty s = new StockLiberty(name, userDir, wlp, httpPort);
        s.run(Duration.ofSeconds(60), "create", name);
        return s;
    }

    Path serverDir() {
        return serverDir;
    }

    /** Writes a file of the server's directory (server.xml, server.env, bootstrap.properties, ...). */
    Path write(String file, String content) throws IOException {
        Path p = serverDir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    /** Copies an application into the server's {@code apps/} folder. */
    void deploy(Path app) throws IOException {
        Files.copy(app, serverDir.resolve("apps").resolve(app.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code server start}, then waits until Liberty has said whether the Flagpost application
     * started or failed (both are outcomes a test may expect); returns that line.
     */
    String startAndAwaitFlagpost() throws IOException, InterruptedException {
        started = true;
        run(Duration.ofSeconds(150), "start", name);
        // `server start` detaches the server: should the test JVM die before close(), do not leave it running.
        process().ifPresent(p -> Runtime.getRuntime().addShutdownHook(new Thread(p::destroy)));
        Instant deadline = Instant.now().plusSeconds(150);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = APP_OUTCOME.matcher(messages());
            if (m.find()) {
                return m.group();
            }
            FlagpostServer.sleep(250);
        }
        throw new AssertionError("Liberty never said whether flagpost started:\n" + messages());
    }

    /** The server process, as its pid file names it; empty when Liberty wrote none (not started). */
    java.util.Optional<ProcessHandle> process() throws IOException {
        Path pid = userDir.resolve("servers/.pid/" + name + ".pid");
        if (!Files.exists(pid)) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
    }

    /** {@code server status}: exit code 0 when the server is running. */
    int status() throws IOException, InterruptedException {
        return run(Duration.ofSeconds(60), "status", name).exitValue();
    }

    String messages() {
        return read(serverDir.resolve("logs/messages.log"));
    }

    String console() {
        return read(serverDir.resolve("logs/console.log"));
    }

    int httpPort() {
        return httpPort;
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** {@code server stop}; the process is killed when it does not stop in time. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!started) {
            return;
        }
        java.util.Optional<ProcessHandle> process = process();
        run(Duration.ofSeconds(60), "stop", name);
        if (process.isPresent() && process.get().isAlive()) {
            process.get().destroyForcibly();
        }
        started = false;
    }

    private Process run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(wlp.resolve("bin/server").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(userDir.resolve("server-script.log").toFile()));
        Map<String, String> env = pb.environment();
        // Nothing from the test's own environment: only the files the doc describes configure the server.
        env.keySet().removeIf(k -> k.startsWith("FLAGPOST_") || k.startsWith("FLIPT_") || k.startsWith("WLP_") || k.equals("JVM_ARGS"));
        env.put("WLP_USER_DIR", userDir.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("`server " + String.join(" ", args) + "` did not finish in " + timeout + ":\n"
                    + read(userDir.resolve("server-script.log")));
        }
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
