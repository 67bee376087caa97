package dev.flagpost.client.store;

import dev.flagpost.client.auth.Credentials;

import java.util.Optional;

/**
 * Persists credentials per server endpoint key. Implementations may throw; callers wrap them in
 * {@link FailSafeTokenStore} so a storage failure never fails a call.
 */
public interface TokenStore {
    Optional<Credentials> load(String endpointKey);

    void save(String endpointKey, Credentials credentials);

    void delete(String endpointKey);

    /** Short name for messages ("keyring", "file", "memory"). */
    String kind();
}
