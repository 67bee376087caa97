package dev.flagpost.app;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stops Flagpost when it cannot start. On Flagpost's own server (the runnable jar, {@code liberty:run},
 * the container image) the whole process stops, so that a bad config is a failed start (non-zero
 * exit) and never a server that runs without its application. On any other Liberty server, which may
 * host other applications, only Flagpost fails to start: the server and its other applications keep
 * running (docs/deploy-war.md).
 *
 * <p>Which of the two is decided by {@value #EXIT_SETTING}: Flagpost's server.xml declares it
 * {@code true}; a server that deploys the plain WAR does not, and Liberty exposes server.xml variables
 * to MicroProfile Config. The environment variable {@code FLAGPOST_EXIT_ON_STARTUP_ERROR}
 * ({@code true}/{@code false}) overrides it either way.
 */
public final class StartupFailure extends RuntimeException {
    /** EX_CONFIG from sysexits.h. */
    static final int EXIT_CODE = 78;
    /** The MicroProfile Config property (server.xml variable) that makes a start-up error stop the process. */
    static final String EXIT_SETTING = "flagpost.exit.on.startup.error";
    static final String EXIT_ENV = "FLAGPOST_EXIT_ON_STARTUP_ERROR";

    private StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Prints {@code message} once (standard error); then, where the process should exit (see the
     * class comment), stops it with {@link #EXIT_CODE}. Otherwise returns an exception with a one-line
     * summary for the caller to throw, which fails the application's start; Liberty's error lines
     * and traces then repeat only that summary.
     */
    public static StartupFailure stop(String message, Throwable cause) {
        System.err.println();
        System.err.println(message);
        System.err.println();
        System.err.flush();
        if (exitsProcess(Optional.ofNullable(System.getenv(EXIT_ENV)), StartupFailure::configuredExit)) {
            // Halt, not exit: nothing of the application has started (no database is open), and an
            // orderly shutdown would first print three container stack traces below the message,
            // which must stay the last thing a user sees.
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        // A config problem's cause repeats the whole list; a database failure's cause is worth its trace.
        Throwable kept = cause instanceof dev.flagpost.config.InvalidConfigException ? null : cause;
        return new StartupFailure(message.lines().findFirst().orElse("Flagpost cannot start") + " (details above)", kept);
    }

    /**
     * Whether a start-up error stops the process: the environment variable when set (anything but
     * {@code false} means yes, as before this setting existed), else the config property when it is
     * {@code true}, else no.
     */
    static boolean exitsProcess(Optional<String> env, java.util.function.Supplier<Optional<String>> setting) {
        if (env.isPresent()) {
            return !env.get().trim().toLowerCase(Locale.ROOT).equals("false");
        }
        return setting.get().map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }

    private static Optional<String> configuredExit() {
        try {
            return ConfigProvider.getConfig().getOptionalValue(EXIT_SETTING, String.class);
        } catch (RuntimeException e) {
            // No config to ask (should not happen inside Liberty): a shared server is the safer guess.
            return Optional.empty();
        }
    }
}
