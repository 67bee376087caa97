package dev.flagpost.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the local PostgreSQL cluster (Debian's pg_ctlcluster), for outage tests. */
final class PostgresControl {
    private PostgresControl() {
    }

    static void stopImmediately() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "stop", "-m", "immediate"));
    }

    static void start() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "start"));
    }

    private static String version() {
        String out = run(List.of("pg_lsclusters", "-h"));
        return out.strip().split("\\s+")[0];
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
