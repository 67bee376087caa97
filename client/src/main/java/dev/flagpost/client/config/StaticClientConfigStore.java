package dev.flagpost.client.config;

import java.util.Objects;

/** A fixed configuration, for tests and for deployments that know their IdP up front. */
public final class StaticClientConfigStore implements ClientConfigStore {
    private final ClientConfig config;

    public StaticClientConfigStore(ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public ClientConfig get() {
        return config;
    }
}
