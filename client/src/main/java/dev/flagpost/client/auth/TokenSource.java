package dev.flagpost.client.auth;

/** What transports (gRPC, HTTP) ask for credentials. Implementations are thread-safe. */
public interface TokenSource {
    /** Credentials that are not about to expire, renewing them first when needed. */
    Credentials credentials();

    /**
     * The server rejected {@code rejectedAccessToken} (401 / UNAUTHENTICATED). Renews only if that
     * token is still the current one; if another caller already renewed, returns the new one.
     */
    Credentials onRejected(String rejectedAccessToken);

    /** The header or metadata key carrying the token, lower case. */
    default String headerKey() {
        return "authorization";
    }
}
