package dev.flagpost.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for integration tests: the {@code keycloak-quarkus-dist} that Maven unpacks into
 * {@code target/} ({@code keycloak.home}), run in dev mode on loopback with Temurin 25 and an
 * in-memory database, one realm imported from a test fixture. Each start begins from nothing: the
 * distribution's {@code data/} is wiped and the database lives in memory.
 */
final class KeycloakServer implements AutoCloseable {
    static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    /** Dev mode re-augments Quarkus on a first start; on 2 shared cores that alone can take a minute. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path log;
    private final int port;
    private final String realm;
    private final Process process;
    private Duration startTime;

    private KeycloakServer(Path log, int port, String realm, Process process) {
        this.log = log;
        this.port = port;
        this.realm = realm;
        this.process = process;
    }

    /** The distribution's directory, from {@code -Dkeycloak.home} (set by the POM for failsafe). */
    static Path home() {
        return Path.of(System.getProperty("keycloak.home", "target/keycloak"));
    }

    /**
     * Starts Keycloak with {@code realmFixture} (a classpath resource, a realm export named
     * {@code realm}) imported, and returns once the realm's discovery document is served.
     */
    static KeycloakServer start(String realmFixture, String realm) throws IOException {
        Path home = home();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath()
                    + ": `mvn verify` unpacks org.keycloak:keycloak-quarkus-dist there (pre-integration-test); "
                    + "set -Dkeycloak.home to use another, or -Dkeycloak.skip to skip KeycloakIT");
        }
        Path javaHome = javaHome();
        Path data = home.resolve("data");
        deleteRecursively(data); // no state from a previous run (exports, tmp, a stale H2 file)
        Path imports = Files.createDirectories(data.resolve("import"));
        try (InputStream in = KeycloakServer.class.getResourceAsStream(realmFixture)) {
            if (in == null) {
                throw new IllegalStateException("realm fixture " + realmFixture + " is not on the test classpath");
            }
            Files.copy(in, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        // Beside the Flagpost servers' logs, not inside a distribution that -Dkeycloak.home may share.
        Path log = Files.createDirectories(Path.of(System.getProperty("flagpost.it.dir", "target/it-servers"))).resolve("keycloak.log");
        // Through sh: the script need not have kept its executable bit when unpacked.
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        // Bounded heap: the machine is shared with Flagpost, PostgreSQL and the build itself.
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Dev mode's management interface would take port 9000, which another run may hold.
        pb.environment().put("KC_HTTP_MANAGEMENT_PORT", Integer.toString(freePort()));
        Instant started = Instant.now();
        KeycloakServer kc = new KeycloakServer(log, port, realm, pb.start());
        kc.awaitReady(started);
        kc.startTime = Duration.between(started, Instant.now());
        return kc;
    }

    /** Temurin 25 by default; {@code -Dkeycloak.java.home} or {@code KEYCLOAK_JAVA_HOME} override it. */
    static Path javaHome() {
        String configured = System.getProperty("keycloak.java.home", System.getenv("KEYCLOAK_JAVA_HOME"));
        Path javaHome = Path.of(configured == null || configured.isBlank() ? DEFAULT_JAVA_HOME : configured);
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalStateException("Keycloak needs Java 21+ (Temurin 25 expected) but there is no "
                    + javaHome.resolve("bin/java") + "; install a JDK 25 there or point "
                    + "-Dkeycloak.java.home / KEYCLOAK_JAVA_HOME at a JDK 25");
        }
        return javaHome;
    }

    private void awaitReady(Instant started) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = started.plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak exited with " + process.exitValue() + " (log: " + log + "):\n" + tail());
            }
            try {
                HttpResponse<Void> r = FlagpostServer.HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            FlagpostServer.sleep(500);
        }
        close();
        throw new AssertionError("Keycloak did not serve " + discovery + " within " + START_TIMEOUT + " (log: " + log + "):\n" + tail());
    }

    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** How long it took from launch until the realm was served. */
    Duration startTime() {
        return startTime;
    }

    Path log() {
        return log;
    }

    String tail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 8000 ? s.substring(s.length() - 8000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops kc.sh and the JVM it started (the script does not always exec). */
    @Override
    public void close() {
        var children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            for (ProcessHandle c : children) {
                c.onExit().get(30, TimeUnit.SECONDS);
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // fall through to the forcible stop
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
