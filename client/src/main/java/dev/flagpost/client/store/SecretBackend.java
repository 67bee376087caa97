package dev.flagpost.client.store;

/** The minimal OS keyring surface we use; a seam so chunking is testable without a keyring. */
public interface SecretBackend {
    /** Returns null when absent. */
    String get(String service, String account) throws Exception;

    void set(String service, String account, String secret) throws Exception;

    void delete(String service, String account) throws Exception;
}
