package dev.flagpost.persistence;

/**
 * The database could not answer (down, frozen, pool exhausted). Callers answer 503 / UNAVAILABLE
 * and never treat the caller as unauthenticated: nothing was decided about the credential.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
