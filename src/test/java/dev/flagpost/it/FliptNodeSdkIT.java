package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.flagpost.authn.method.jwt.JwtFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flipt's published JavaScript SDKs — {@code @flipt-io/flipt}, {@code @flipt-io/flipt-client-js}
 * (Flipt's own evaluation engine, compiled to WebAssembly), {@code @openfeature/flipt-provider} and
 * {@code @openfeature/ofrep-provider}, versions pinned in {@code src/test/node/package-lock.json} —
 * run by Node's test runner against the runnable jar. The JavaScript side is
 * {@code src/test/node/flipt-sdks.test.mjs}; this class starts the server and reads the verdict.
 */
class FliptNodeSdkIT {
    static final Path NODE_DIR = Path.of("src/test/node");
    static JwtFixtures.JwksServer jwks;
    static FlagpostServer server;

    @BeforeAll
    static void start() throws Exception {
        jwks = new JwtFixtures.JwksServer(JwtFixtures.publicSet(JwtFixtures.RSA));
        server = Servers.withJwt("node-sdks", jwks.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
        jwks.close();
    }

    @Test
    void fliptsJavaScriptSdksWorkUnchanged() throws Exception {
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
        String jwt = JwtFixtures.sign(JwtFixtures.RSA, JWSAlgorithm.RS256, JwtFixtures.claims(Instant.now())
                .claim("user", Map.of("email", "sdk@example.com")).build());
        String out = run(List.of("node", "--test", "--test-reporter=spec", "flipt-sdks.test.mjs"), Map.of(
                "FLAGPOST_URL", server.url(""),
                "FLAGPOST_TOKEN", server.bootstrapToken(),
                "FLAGPOST_JWT", jwt), 600);
        // Every test the file declares ran and passed (none skipped: FLAGPOST_JWT is set).
        long declared = java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/node/flipt-sdks.test.mjs")).stream()
                .filter(l -> l.startsWith("test(")).count();
        assertTrue(declared > 0 && out.contains("pass " + declared) && out.contains("fail 0"),
                "all " + declared + " SDK tests ran and passed:\n" + out);
    }

    /** Runs a command in src/test/node and returns its output; fails the test with that output on a non-zero exit. */
    static String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("flagpost-node", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        assertTrue(done, String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
