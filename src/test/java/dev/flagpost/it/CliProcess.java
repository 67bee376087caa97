package dev.flagpost.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code flagpost} CLI ({@code client/target/flagpost-cli.jar}, built and installed by the
 * invoker plugin before the ITs) run as users run it: a subprocess with its own HOME and config
 * dir, the file token store (no keyring) and no terminal, so it can never open a browser.
 */
final class CliProcess {
    static final Path JAR = Path.of(System.getProperty("flagpost.cli.jar", "client/target/flagpost-cli.jar"));

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    CliProcess(Path home, String serverUrl) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath() + " is missing: run `mvn verify`, which builds the client first");
        }
        this.home = home;
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("FLAGPOST_URL", serverUrl);
        env.put("FLAGPOST_NO_KEYRING", "1");
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path configDir() {
        return home.resolve(".config").resolve("flagpost");
    }

    record Result(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs one command to completion (60 s at most). */
    Result run(String... args) {
        try {
            return startReading(args).await();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a command whose stderr the test reads as it comes (e.g. the authorize URL of a PKCE login). */
    Running startReading(String... args) {
        return new Running(start(args));
    }

    static final class Running {
        final Process process;
        private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Thread reader;

        Running(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        errLines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "cli-stderr");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first stderr line (trimmed) that starts with the prefix, waiting up to 30 s. */
        String awaitErrLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = errLines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.trim().startsWith(prefix)) {
                        return line.trim();
                    }
                }
            }
            process.destroyForcibly();
            throw new AssertionError("the CLI printed no line starting with " + prefix + "; stderr so far: " + seen);
        }

        Result await() throws InterruptedException, IOException {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI did not finish in 60 s");
            }
            reader.join(5000);
            List<String> rest = new ArrayList<>(seen);
            errLines.drainTo(rest);
            return new Result(process.exitValue(), out, String.join("\n", rest));
        }
    }

    private Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        // Only what this test sets: never the developer's FLAGPOST_* variables, keyring session or display.
        pb.environment().keySet().removeIf(k -> k.startsWith("FLAGPOST_") || k.equals("DBUS_SESSION_BUS_ADDRESS")
                || k.equals("DISPLAY") || k.equals("APPDATA"));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start the CLI", e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
