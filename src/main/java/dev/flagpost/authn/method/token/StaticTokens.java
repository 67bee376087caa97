package dev.flagpost.authn.method.token;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.ConfiguredAuthentications;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens written in the config ({@code methods.token.storage.tokens}), matched before the store.
 * Held by hash only, so the plaintext credentials do not linger in memory beyond config binding.
 */
public final class StaticTokens implements ConfiguredAuthentications {
    private final Map<String, Authentication> byHash;
    private final Map<String, Authentication> byId;

    public StaticTokens(TokenMethodConfig config, Instant loadedAt) {
        Map<String, Authentication> hashes = new HashMap<>();
        Map<String, Authentication> ids = new HashMap<>();
        if (config.enabled()) {
            for (TokenMethodConfig.StaticToken t : config.staticTokens().values()) {
                Authentication a = new Authentication(t.id(), Method.TOKEN, null, loadedAt, loadedAt, t.metadata(), true);
                hashes.put(ClientTokens.hash(t.credential()), a);
                ids.put(t.id(), a);
            }
        }
        this.byHash = Map.copyOf(hashes);
        this.byId = Map.copyOf(ids);
    }

    @Override
    public Optional<Authentication> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public Optional<Authentication> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public String whyUnchangeable(String id) {
        return byId.containsKey(id) ? "static token \"" + id + "\" is defined in configuration "
                + "(authentication.methods.token.storage.tokens." + id + ") and cannot be changed through the API" : null;
    }
}
