package dev.flagpost.authn.store;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored authentications (client tokens). Every backend passes {@code AuthenticationStoreConformance}.
 * Any method may throw {@link dev.flagpost.persistence.StoreUnavailableException}.
 */
public interface AuthenticationStore {

    /** Stores a new authentication for the given plaintext token (only its hash is kept). */
    Authentication create(String clientToken, Method method, Instant expiresAt, Map<String, String> metadata);

    /** The authentication a plaintext client token belongs to, expired or not. */
    default Optional<Authentication> findByClientToken(String clientToken) {
        return findByTokenHash(dev.flagpost.authn.ClientTokens.hash(clientToken));
    }

    /** The same, by the token's stored hash (callers that already hashed it need not hash twice). */
    Optional<Authentication> findByTokenHash(String hashedClientToken);

    Optional<Authentication> findById(String id);

    Page list(ListQuery query);

    boolean exists(Method method);

    /** @return whether a row was deleted */
    boolean delete(String id);

    /** Sets the expiry; @return the updated authentication, empty when unknown */
    Optional<Authentication> expire(String id, Instant expiresAt);

    /**
     * Deletes at most {@code limit} authentications of {@code method} that expired before
     * {@code expiredBefore}; never those without an expiry. @return how many were deleted
     */
    int deleteExpired(Method method, Instant expiredBefore, int limit);

    /** Claims {@code method}'s cleanup run: true for exactly one caller per interval across all nodes sharing the database. */
    boolean claimCleanup(Method method, Instant now, Instant nextRunAt, String holder);

    /** A page of authentications; {@code nextPageToken} is empty on the last page. */
    record Page(List<Authentication> authentications, String nextPageToken) {
        public Page {
            authentications = List.copyOf(authentications);
        }
    }

    /**
     * @param method null for all methods
     * @param offset the decoded page token
     */
    record ListQuery(Method method, int limit, long offset, boolean descending) {
        public static final int DEFAULT_LIMIT = 25;
        public static final int MAX_LIMIT = 100;

        public ListQuery {
            if (limit <= 0) {
                limit = DEFAULT_LIMIT;
            }
            limit = Math.min(limit, MAX_LIMIT);
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
        }
    }
}
