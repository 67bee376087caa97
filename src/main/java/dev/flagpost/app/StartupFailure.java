package dev.flagpost.app;

import java.util.Locale;

/**
 * Stops the server when Flagpost cannot start, so that a bad config is a failed start (non-zero
 * exit for {@code java -jar}, {@code liberty:run} and containers) and never a server that runs
 * without its application. {@code FLAGPOST_EXIT_ON_STARTUP_ERROR=false} keeps the server up
 * instead (the application alone then fails), for Liberty servers that host other applications.
 */
final class StartupFailure extends RuntimeException {
    /** EX_CONFIG from sysexits.h. */
    static final int EXIT_CODE = 78;

    private StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Prints {@code message} once (standard error, which Liberty also copies into messages.log) and
     * returns an exception with a one-line summary: the container's own error lines and stack
     * traces then repeat only the summary, never the whole list of problems.
     */
    static StartupFailure stop(String message, Throwable cause) {
        System.err.println();
        System.err.println(message);
        System.err.println();
        System.err.flush();
        String exit = System.getenv("FLAGPOST_EXIT_ON_STARTUP_ERROR");
        if (exit == null || !exit.toLowerCase(Locale.ROOT).equals("false")) {
            // Exit from another thread: the start-up thread must return for Liberty's shutdown to complete.
            Thread t = new Thread(() -> System.exit(EXIT_CODE), "flagpost-startup-failure");
            t.setDaemon(true);
            t.start();
        }
        // A config problem's cause repeats the whole list; a database failure's cause is worth its trace.
        Throwable kept = cause instanceof dev.flagpost.config.InvalidConfigException ? null : cause;
        return new StartupFailure(message.lines().findFirst().orElse("Flagpost cannot start") + " (details above)", kept);
    }
}
