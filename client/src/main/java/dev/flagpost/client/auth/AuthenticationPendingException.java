package dev.flagpost.client.auth;

/**
 * The device flow is still waiting for the user (RFC 8628 {@code authorization_pending} or
 * {@code slow_down}): poll again after {@link #retryAfterSeconds()}.
 */
public class AuthenticationPendingException extends AuthenticationException {
    private final long retryAfterSeconds;
    private final boolean slowDown;

    public AuthenticationPendingException(String message, long retryAfterSeconds, boolean slowDown) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
        this.slowDown = slowDown;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True when the server asked us to poll less often. */
    public boolean slowDown() {
        return slowDown;
    }
}
