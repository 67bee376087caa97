package dev.flagpost.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClientTokensTest {
    @Test
    void hashIsBase64UrlOfSha256WithPadding() {
        // FIPS 180-2 test vector for "abc": ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0=", ClientTokens.hash("abc"));
        assertEquals("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", ClientTokens.hash(""));
    }

    @Test
    void hashesComputedConcurrentlyAreTheSameAsOneByOne() throws Exception {
        // The digest is cloned from one shared prototype: concurrent callers must never share state.
        List<String> tokens = new ArrayList<>();
        ClientTokens generator = new ClientTokens();
        for (int i = 0; i < 200; i++) {
            tokens.add(generator.generate() + "x".repeat(i * 7));
        }
        List<String> expected = tokens.stream().map(ClientTokens::hash).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < tokens.size(); i++) {
                            if (!ClientTokens.hash(tokens.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertTrue(run.get(), "a hash differed when computed concurrently");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generatedTokensAre32RandomBytesInBase64Url() {
        String a = new ClientTokens().generate();
        assertEquals(44, a.length());
        assertEquals(32, java.util.Base64.getUrlDecoder().decode(a).length);
        assertFalse(a.equals(new ClientTokens().generate()));
    }
}
