package dev.flagpost.client.store;

import dev.flagpost.client.auth.Credentials;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringTokenStoreTest {
    static final String EP = "https://flagpost.example:443";

    /** An in-memory keyring that, like Windows, refuses entries longer than 1,280 chars. */
    static final class CappedBackend implements SecretBackend {
        final Map<String, String> entries = new ConcurrentHashMap<>();

        @Override
        public String get(String service, String account) {
            return entries.get(service + "/" + account);
        }

        @Override
        public void set(String service, String account, String secret) {
            if (secret.length() > 1280) {
                throw new IllegalArgumentException("entry too long");
            }
            entries.put(service + "/" + account, secret);
        }

        @Override
        public void delete(String service, String account) {
            entries.remove(service + "/" + account);
        }
    }

    static Credentials withAccessTokenOfLength(int n) {
        return new Credentials("a".repeat(n), "refresh", null, null, null, null, null);
    }

    @Test
    void shortCredentialsUseASingleEntry() {
        CappedBackend backend = new CappedBackend();
        KeyringTokenStore store = new KeyringTokenStore(backend);
        store.save(EP, withAccessTokenOfLength(100));
        assertEquals(1, backend.entries.size());
        assertEquals(100, store.load(EP).orElseThrow().accessToken().length());
    }

    @Test
    void longTokensAreChunkedUnderTheWindowsCapAndReassembled() {
        CappedBackend backend = new CappedBackend();
        KeyringTokenStore store = new KeyringTokenStore(backend);
        Credentials big = withAccessTokenOfLength(4000);
        store.save(EP, big);
        assertTrue(backend.entries.size() >= 5, "header + chunks");
        assertTrue(backend.entries.values().stream().allMatch(v -> v.length() <= KeyringTokenStore.CHUNK_SIZE));
        assertEquals(big, store.load(EP).orElseThrow());
    }

    @Test
    void shrinkingRemovesStaleChunksAndDeleteRemovesAll() {
        CappedBackend backend = new CappedBackend();
        KeyringTokenStore store = new KeyringTokenStore(backend);
        store.save(EP, withAccessTokenOfLength(4000));
        store.save(EP, withAccessTokenOfLength(10));
        assertEquals(1, backend.entries.size());
        store.save(EP, withAccessTokenOfLength(4000));
        store.delete(EP);
        assertTrue(backend.entries.isEmpty());
    }

    @Test
    void headlessLinuxWithoutDbusSkipsTheKeyring() {
        assertFalse(TokenStores.keyringWorthProbing(Map.of(), "Linux"));
        assertTrue(TokenStores.keyringWorthProbing(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/bus"), "Linux"));
        assertFalse(TokenStores.keyringWorthProbing(Map.of(TokenStores.NO_KEYRING_ENV, "1"), "Mac OS X"));
        assertTrue(TokenStores.keyringWorthProbing(Map.of(), "Windows 11"));
    }

    @Test
    void withoutAKeyringTheDefaultStoreIsAFileInTheConfigDir(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TokenStore store = TokenStores.defaultStore(dir, Map.of(), "Linux");
        assertEquals("file", store.kind());
        store.save(EP, withAccessTokenOfLength(5));
        assertTrue(java.nio.file.Files.isDirectory(dir.resolve("tokens")));
    }

    @Test
    void unreachableSecretServiceFailsTheProbeAndFallsBackToAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        long start = System.nanoTime();
        TokenStore store = TokenStores.defaultStore(dir,
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-such-bus")), "Linux");
        assertEquals("file", store.kind());
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - start)
                .compareTo(TokenStores.KEYRING_PROBE_TIMEOUT.plusSeconds(2)) < 0, "the probe is bounded");
    }

    @Test
    void unusableConfigDirFallsBackToMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("f"), "x");
        assertEquals("memory", TokenStores.defaultStore(file, Map.of(), "Linux").kind());
    }
}
