package dev.flagpost.app;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Stops the server when Flagpost cannot start, so that a bad config is a failed start (non-zero
 * exit for {@code java -jar}, {@code liberty:run} and containers) and never a server that runs
 * without its application. {@code FLAGPOST_EXIT_ON_STARTUP_ERROR=false} keeps the server up
 * instead (the application alone then fails), for Liberty servers that host other applications.
 */
final class StartupFailure extends RuntimeException {
    private static final Logger LOG = Logger.getLogger(StartupFailure.class.getName());
    /** EX_CONFIG from sysexits.h. */
    static final int EXIT_CODE = 78;

    private StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    static StartupFailure stop(String message, Throwable cause) {
        LOG.severe(message);
        System.err.println(message);
        System.err.flush();
        String exit = System.getenv("FLAGPOST_EXIT_ON_STARTUP_ERROR");
        if (exit == null || !exit.toLowerCase(Locale.ROOT).equals("false")) {
            // Exit from another thread: the start-up thread must return for Liberty's shutdown to complete.
            Thread t = new Thread(() -> System.exit(EXIT_CODE), "flagpost-startup-failure");
            t.setDaemon(true);
            t.start();
        }
        return new StartupFailure(message, cause);
    }
}
