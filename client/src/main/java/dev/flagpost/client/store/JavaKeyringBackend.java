package dev.flagpost.client.store;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * java-keyring (macOS Keychain, Windows Credential Manager, Secret Service/KWallet on Linux) with
 * every call bounded by a timeout: a locked keyring can block on an unlock prompt forever.
 */
final class JavaKeyringBackend implements SecretBackend {
    private final Keyring keyring;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flagpost-keyring");
        t.setDaemon(true);
        return t;
    });

    private JavaKeyringBackend(Keyring keyring, Duration timeout) {
        this.keyring = keyring;
        this.timeout = timeout;
    }

    /**
     * Creates the backend and proves it works with a write, read and delete, all within
     * {@code timeout}; returns null when the keyring is absent, locked or too slow.
     */
    static JavaKeyringBackend probe(Duration timeout) {
        ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flagpost-keyring-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Keyring> created = prober.submit(() -> {
                Keyring k = Keyring.create();
                String probe = "probe-" + Long.toHexString(System.nanoTime());
                k.setPassword(KeyringTokenStore.SERVICE, "probe", probe);
                boolean ok = probe.equals(k.getPassword(KeyringTokenStore.SERVICE, "probe"));
                k.deletePassword(KeyringTokenStore.SERVICE, "probe");
                return ok ? k : null;
            });
            Keyring k = created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return k == null ? null : new JavaKeyringBackend(k, timeout);
        } catch (Exception | LinkageError e) {
            return null;
        } finally {
            prober.shutdownNow();
        }
    }

    @Override
    public String get(String service, String account) throws Exception {
        return call(() -> {
            try {
                return keyring.getPassword(service, account);
            } catch (PasswordAccessException e) {
                return null; // java-keyring reports "not found" this way
            }
        });
    }

    @Override
    public void set(String service, String account, String secret) throws Exception {
        call(() -> {
            keyring.setPassword(service, account, secret);
            return null;
        });
    }

    @Override
    public void delete(String service, String account) throws Exception {
        call(() -> {
            try {
                keyring.deletePassword(service, account);
            } catch (PasswordAccessException e) {
                // already absent
            }
            return null;
        });
    }

    private <T> T call(Callable<T> c) throws Exception {
        Future<T> f = executor.submit(c);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("the keyring did not answer within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }
}
