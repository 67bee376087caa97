package dev.flagpost.client.auth;

/**
 * Authentication failed: a flow was refused or timed out, a command failed, an endpoint is missing.
 * The message always says what to do next. {@link #isTransient()} marks failures (network, 5xx)
 * after which stored credentials must be kept, because retrying later may succeed.
 */
public class AuthenticationException extends RuntimeException {
    private final boolean transientFailure;

    public AuthenticationException(String message) {
        this(message, null, false);
    }

    public AuthenticationException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public AuthenticationException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the identity provider could not be reached or failed on its side. */
    public boolean isTransient() {
        return transientFailure;
    }
}
