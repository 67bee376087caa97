package dev.flagpost.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens from one authentication. {@code expiresAt} may be null (unknown lifetime). toString never
 * shows a token, only a short SHA-256 fingerprint.
 *
 * @param scheme the Authorization scheme to send the access token with ("Bearer" or "JWT")
 */
public record Credentials(String accessToken, String refreshToken, String idToken, Instant expiresAt,
                          String issuer, String clientId, String scheme) {
    public static final String BEARER = "Bearer";

    public Credentials {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isEmpty()) {
            throw new IllegalArgumentException("empty access token");
        }
        scheme = scheme == null || scheme.isBlank() ? BEARER : scheme;
    }

    /** A bare Bearer token with no known expiry (static client tokens, command output). */
    public static Credentials bearer(String accessToken) {
        return new Credentials(accessToken, null, null, null, null, null, BEARER);
    }

    public boolean hasRefreshToken() {
        return refreshToken != null && !refreshToken.isEmpty();
    }

    /** True when the token expires within {@code margin} of now; tokens without expiry never do. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt != null && !clock.instant().plus(margin).isBefore(expiresAt);
    }

    public Credentials withRefreshToken(String refresh) {
        return new Credentials(accessToken, refresh, idToken, expiresAt, issuer, clientId, scheme);
    }

    /** Same tokens, marked expired now: used to force a refresh while keeping the refresh token. */
    public Credentials expiredAt(Instant now) {
        return new Credentials(accessToken, refreshToken, idToken, now, issuer, clientId, scheme);
    }

    public Credentials withScheme(String newScheme) {
        return new Credentials(accessToken, refreshToken, idToken, expiresAt, issuer, clientId, newScheme);
    }

    /** Value for the Authorization header. */
    public String headerValue() {
        return scheme + " " + accessToken;
    }

    @Override
    public String toString() {
        return "Credentials[access=" + Fingerprint.of(accessToken) + ", refresh="
                + (hasRefreshToken() ? Fingerprint.of(refreshToken) : "none") + ", expiresAt=" + expiresAt
                + ", issuer=" + issuer + "]";
    }
}
