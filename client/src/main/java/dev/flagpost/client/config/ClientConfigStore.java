package dev.flagpost.client.config;

/** Source of the {@link ClientConfig}; implementations may fetch it lazily and cache it. */
@FunctionalInterface
public interface ClientConfigStore {
    ClientConfig get();
}
