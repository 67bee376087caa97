package dev.flagpost.client.store;

import dev.flagpost.client.auth.Credentials;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Process-lifetime store: the last resort when neither keyring nor file is usable. */
public final class MemoryTokenStore implements TokenStore {
    private final Map<String, Credentials> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Credentials> load(String endpointKey) {
        return Optional.ofNullable(entries.get(endpointKey));
    }

    @Override
    public void save(String endpointKey, Credentials credentials) {
        entries.put(endpointKey, credentials);
    }

    @Override
    public void delete(String endpointKey) {
        entries.remove(endpointKey);
    }

    @Override
    public String kind() {
        return "memory";
    }
}
