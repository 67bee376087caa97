package dev.flagpost.authn.config;

/**
 * The settings every method shares. Each method's own record ({@code TokenMethodConfig},
 * {@code OidcMethodConfig}, ...) implements this; a method this build does not serve is
 * {@link Unavailable}.
 */
public interface MethodConfig {
    boolean enabled();

    /** How its expired authentications are cleaned; methods that store none keep the default. */
    default CleanupConfig cleanup() {
        return CleanupConfig.DEFAULT;
    }

    /** A method named by Flipt's enum that this build does not serve: only {@code enabled} is read (and refused). */
    record Unavailable(boolean enabled, CleanupConfig cleanup) implements MethodConfig {
        public static final Unavailable DISABLED = new Unavailable(false, CleanupConfig.DEFAULT);
    }
}
