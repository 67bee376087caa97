package dev.flagpost.client.cli;

import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar, run as a user would run it through bin/flagpost (after `package`). */
class CliJarIT {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
    }

    Run flagpost(String serverUrl, String token, String... args) throws Exception {
        String jar = System.getProperty("flagpost.cli.jar", "target/flagpost-cli.jar");
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("bin/flagpost")));
        pb.command().addAll(List.of(args));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("FLAGPOST_CLI_JAR", new File(jar).getAbsolutePath());
        pb.environment().put("XDG_CONFIG_HOME", home.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("FLAGPOST_NO_KEYRING", "1");
        if (serverUrl != null) {
            pb.environment().put("FLAGPOST_URL", serverUrl);
        }
        if (token != null) {
            pb.environment().put("FLAGPOST_TOKEN", token);
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "flagpost finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shadedJarPrintsItsVersion() throws Exception {
        Run r = flagpost(null, null, "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("flagpost 0.1.0"));
    }

    @Test
    void shadedJarCallsWhoamiWithAStaticToken() throws Exception {
        try (StubServer flagpost = new StubServer()) {
            flagpost.on("/auth/v1/self", req -> "Bearer jar-fixture-token".equals(req.header("Authorization"))
                    ? Reply.json(200, "{\"id\":\"i\",\"method\":\"METHOD_TOKEN\"}")
                    : Reply.json(401, "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}"));
            Run ok = flagpost(flagpost.url(), "jar-fixture-token", "whoami");
            assertEquals(0, ok.exit(), ok.err());
            assertTrue(ok.out().contains("METHOD_TOKEN"));

            Run notLoggedIn = flagpost(flagpost.url(), null, "whoami");
            assertEquals(3, notLoggedIn.exit());
            assertTrue(notLoggedIn.err().contains("flagpost login"), notLoggedIn.err());
        }
    }
}
