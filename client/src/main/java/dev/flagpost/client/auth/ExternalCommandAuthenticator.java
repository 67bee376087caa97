package dev.flagpost.client.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (argv, never through a shell) whose trimmed stdout is the token. Its output is
 * never persisted: the command is the cache (e.g. a cloud CLI with its own token store).
 */
public final class ExternalCommandAuthenticator implements Authenticator {
    private static final int MAX_STDERR_CHARS = 2000;

    private final List<String> argv;
    private final Duration timeout;

    public ExternalCommandAuthenticator(List<String> argv, Duration timeout) {
        if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the token command needs at least a program name");
        }
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    @Override
    public Credentials authenticate() {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AuthenticationException("could not run the token command " + argv.get(0) + " (" + e.getMessage()
                    + "); check that it is installed and on PATH", e);
        }
        // Drain both streams concurrently so a chatty stderr cannot block the process.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AuthenticationException("the token command " + argv.get(0) + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            String stdout = out.get(5, TimeUnit.SECONDS).trim();
            String stderr = err.get(5, TimeUnit.SECONDS).trim();
            if (process.exitValue() != 0) {
                throw new AuthenticationException("the token command " + argv.get(0) + " exited with "
                        + process.exitValue() + ": " + truncate(stderr));
            }
            if (stdout.isEmpty()) {
                throw new AuthenticationException("the token command " + argv.get(0)
                        + " printed no token on stdout" + (stderr.isEmpty() ? "" : ": " + truncate(stderr)));
            }
            return Credentials.bearer(stdout);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while running the token command", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AuthenticationException("could not read the token command's output", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_STDERR_CHARS ? s : s.substring(0, MAX_STDERR_CHARS) + "...";
    }

    @Override
    public boolean persistable() {
        return false;
    }
}
