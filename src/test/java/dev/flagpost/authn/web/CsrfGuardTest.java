package dev.flagpost.authn.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.config.SessionConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrfGuardTest {
    private final CsrfGuard guard = new CsrfGuard(new SessionConfig("flags.example.com", true, SessionConfig.DEFAULT_TOKEN_LIFETIME,
            SessionConfig.DEFAULT_STATE_LIFETIME, "test-fixture-csrf-key", List.of("https://ui.example.com/")));

    @Test
    void onlyUnsafeMethodsAreChecked() {
        for (String m : List.of("GET", "HEAD", "OPTIONS")) {
            assertFalse(CsrfGuard.unsafe(m), m);
        }
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertTrue(CsrfGuard.unsafe(m), m);
        }
    }

    @Test
    void fetchMetadataDecidesWhenPresent() {
        assertNull(guard.crossSiteReason("same-origin", null, "flags.example.com"));
        assertNull(guard.crossSiteReason("none", null, "flags.example.com"));
        assertNotNull(guard.crossSiteReason("cross-site", null, "flags.example.com"));
        assertNotNull(guard.crossSiteReason("same-site", "https://flags.example.com", "flags.example.com"));
    }

    @Test
    void withoutFetchMetadataTheOriginMustBeTheHost() {
        assertNull(guard.crossSiteReason(null, "https://flags.example.com", "flags.example.com"));
        assertNull(guard.crossSiteReason(null, "http://localhost:8080", "localhost:8080"));
        assertNotNull(guard.crossSiteReason(null, "https://evil.example", "flags.example.com"));
        assertNotNull(guard.crossSiteReason(null, "http://localhost:9999", "localhost:8080"));
        assertNotNull(guard.crossSiteReason(null, "null", "flags.example.com"));
        assertNull(guard.crossSiteReason(null, null, "flags.example.com"), "no browser page involved (curl, SDKs)");
    }

    @Test
    void trustedOriginsPassEvenCrossSite() {
        assertNull(guard.crossSiteReason("cross-site", "https://ui.example.com", "flags.example.com"));
        assertNotNull(guard.crossSiteReason("cross-site", "https://ui.example.com.evil.test", "flags.example.com"));
    }

    @Test
    void theTokenIsBoundToTheSessionAndTheKey() {
        String t = guard.tokenFor("session-a");
        assertTrue(guard.tokenMatches("session-a", t));
        assertFalse(guard.tokenMatches("session-b", t));
        assertFalse(guard.tokenMatches("session-a", null));
        assertFalse(guard.tokenMatches("session-a", t.substring(1)));
        CsrfGuard otherKey = new CsrfGuard(new SessionConfig(null, false, SessionConfig.DEFAULT_TOKEN_LIFETIME,
                SessionConfig.DEFAULT_STATE_LIFETIME, "another-key", List.of()));
        assertNotEquals(t, otherKey.tokenFor("session-a"));
        assertEquals(t, guard.tokenFor("session-a"), "stable for the session's life");
    }

    @Test
    void withoutAKeyCsrfProtectionIsOff() {
        assertFalse(new CsrfGuard(SessionConfig.defaults()).enabled());
        assertTrue(guard.enabled());
    }
}
