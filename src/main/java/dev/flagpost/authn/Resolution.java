package dev.flagpost.authn;

/**
 * What a credential turned out to be. {@code Unavailable} is its own outcome: the credential could
 * not be checked (database down), so the caller gets 503 and keeps its cookie.
 */
public sealed interface Resolution {
    record Authenticated(Authentication authentication) implements Resolution {
    }

    /** {@code reason} is for logs only; callers always see Flipt's generic message. */
    record Unauthenticated(String reason) implements Resolution {
    }

    record Unavailable(String reason) implements Resolution {
    }
}
