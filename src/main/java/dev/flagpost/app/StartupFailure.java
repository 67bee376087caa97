package dev.flagpost.app;

import java.util.Locale;

/**
 * Stops the server when Flagpost cannot start, so that a bad config is a failed start (non-zero
 * exit for {@code java -jar}, {@code liberty:run} and containers) and never a server that runs
 * without its application. {@code FLAGPOST_EXIT_ON_STARTUP_ERROR=false} keeps the server up
 * instead (the application alone then fails), for Liberty servers that host other applications.
 */
public final class StartupFailure extends RuntimeException {
    /** EX_CONFIG from sysexits.h. */
    static final int EXIT_CODE = 78;

    private StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Prints {@code message} once (standard error) and stops the process with {@link #EXIT_CODE}; with
     * {@code FLAGPOST_EXIT_ON_STARTUP_ERROR=false} returns an exception with a one-line summary
     * instead, so the container's error lines and traces repeat only that summary.
     */
    public static StartupFailure stop(String message, Throwable cause) {
        System.err.println();
        System.err.println(message);
        System.err.println();
        System.err.flush();
        String exit = System.getenv("FLAGPOST_EXIT_ON_STARTUP_ERROR");
        if (exit == null || !exit.toLowerCase(Locale.ROOT).equals("false")) {
            // Halt, not exit: nothing of the application has started (no database is open), and an
            // orderly shutdown would first print three container stack traces below the message,
            // which must stay the last thing a user sees.
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        // A config problem's cause repeats the whole list; a database failure's cause is worth its trace.
        Throwable kept = cause instanceof dev.flagpost.config.InvalidConfigException ? null : cause;
        return new StartupFailure(message.lines().findFirst().orElse("Flagpost cannot start") + " (details above)", kept);
    }
}
