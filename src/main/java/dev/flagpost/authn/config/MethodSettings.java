package dev.flagpost.authn.config;

/** The settings every method shares: whether it is on, and how its expired authentications are cleaned. */
public record MethodSettings(boolean enabled, CleanupConfig cleanup) {
    public static final MethodSettings DISABLED = new MethodSettings(false, CleanupConfig.DEFAULT);
}
