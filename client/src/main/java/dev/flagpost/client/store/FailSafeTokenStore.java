package dev.flagpost.client.store;

import dev.flagpost.client.auth.Credentials;

import java.util.Objects;
import java.util.Optional;

/** Wraps a store so that any failure is logged (without secrets) and the call goes on. */
public final class FailSafeTokenStore implements TokenStore {
    private static final System.Logger LOG = System.getLogger(FailSafeTokenStore.class.getName());
    private final TokenStore delegate;

    public FailSafeTokenStore(TokenStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<Credentials> load(String endpointKey) {
        try {
            return delegate.load(endpointKey);
        } catch (RuntimeException | LinkageError e) {
            warn("read", endpointKey, e);
            return Optional.empty();
        }
    }

    @Override
    public void save(String endpointKey, Credentials credentials) {
        try {
            delegate.save(endpointKey, credentials);
        } catch (RuntimeException | LinkageError e) {
            warn("write", endpointKey, e);
        }
    }

    @Override
    public void delete(String endpointKey) {
        try {
            delegate.delete(endpointKey);
        } catch (RuntimeException | LinkageError e) {
            warn("delete", endpointKey, e);
        }
    }

    private void warn(String what, String key, Throwable e) {
        // e's message never contains a token: stores only put paths and keys in theirs.
        LOG.log(System.Logger.Level.WARNING, "could not " + what + " credentials for " + key + " in the "
                + delegate.kind() + " store (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); continuing");
    }

    @Override
    public String kind() {
        return delegate.kind();
    }
}
