package dev.flagpost.client.store;

import dev.flagpost.client.auth.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTokenStoreTest {
    static final String A = "https://a.example:443";
    static final String B = "https://b.example:443";
    final Credentials creds = new Credentials("access", "refresh", "id", Instant.parse("2026-01-01T00:00:00Z"),
            "https://idp", "cli", "JWT");

    @TempDir
    Path tmp;

    @Test
    void savedCredentialsRoundTripWithEveryField() {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        assertEquals(creds, store.load(A).orElseThrow());
    }

    @Test
    void tokenFileIs0600AndItsDirectory0700() throws Exception {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileFor(A))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("tokens"))));
    }

    @Test
    void overwriteIsAtomicAndLeavesNoTempFiles() throws Exception {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        store.save(A, creds.withRefreshToken("rotated"));
        assertEquals("rotated", store.load(A).orElseThrow().refreshToken());
        try (Stream<Path> files = Files.list(tmp.resolve("tokens"))) {
            assertEquals(1, files.count(), "only the final file remains");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileFor(A))));
    }

    @Test
    void endpointsAreIsolated() {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        assertTrue(store.load(B).isEmpty());
        store.delete(A);
        assertTrue(store.load(A).isEmpty());
    }

    @Test
    void aFileCopiedFromAnotherEndpointIsNotUsed() throws Exception {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        Files.copy(store.fileFor(A), store.fileFor(B));
        assertTrue(store.load(B).isEmpty());
    }

    @Test
    void corruptFileFailsTheStoreButNotTheCallThroughFailSafe() throws Exception {
        FileTokenStore store = new FileTokenStore(tmp.resolve("tokens"));
        store.save(A, creds);
        Files.writeString(store.fileFor(A), "{not json");
        assertThrows(RuntimeException.class, () -> store.load(A));
        assertTrue(new FailSafeTokenStore(store).load(A).isEmpty());
    }

    @Test
    void unwritableDirectoryNeverFailsASaveThroughFailSafe() throws Exception {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        FileTokenStore store = new FileTokenStore(file.resolve("tokens"));
        assertTrue(!store.usable());
        new FailSafeTokenStore(store).save(A, creds); // logs, does not throw
        assertTrue(new FailSafeTokenStore(store).load(A).isEmpty());
    }
}
