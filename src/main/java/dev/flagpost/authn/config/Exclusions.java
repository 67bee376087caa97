package dev.flagpost.authn.config;

/**
 * API sections that need no authentication even when it is required. Defaults: none excluded.
 *
 * @param management {@code /api/v1}
 * @param evaluation {@code /evaluate/v1} and {@code /internal/v1}
 * @param ofrep      {@code /ofrep/v1}
 */
public record Exclusions(boolean management, boolean evaluation, boolean ofrep) {
    public static final Exclusions NONE = new Exclusions(false, false, false);
}
