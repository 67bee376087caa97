package dev.flagpost.authn.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.config.SessionConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cookie Flagpost sets, attribute by attribute (FLIPT-AUTH.md §3). */
class SessionCookiesTest {
    private static final Instant AT = Instant.parse("2026-11-23T08:05:09Z");

    private static SessionCookies cookies(String domain, boolean secure) {
        return new SessionCookies(new SessionConfig(domain, secure, SessionConfig.DEFAULT_TOKEN_LIFETIME,
                SessionConfig.DEFAULT_STATE_LIFETIME, null, List.of()));
    }

    @Test
    void theSessionCookieCarriesFliptsAttributes() {
        assertEquals("flipt_client_token=tok; Path=/; Domain=flags.example.com; Expires=Mon, 23 Nov 2026 08:05:09 GMT; Secure; HttpOnly; SameSite=Strict",
                cookies("https://flags.example.com:8443", true).session("tok", AT));
    }

    @Test
    void theStateCookieIsScopedToItsCallbackAndLax() {
        assertEquals("flipt_client_state=st; Path=/auth/v1/method/oidc/google/callback; Domain=flags.example.com; "
                        + "Expires=Mon, 23 Nov 2026 08:05:09 GMT; Secure; HttpOnly; SameSite=Lax",
                cookies("flags.example.com", true).state("st", "/auth/v1/method/oidc/google/callback", AT));
    }

    @Test
    void localhostGetsNoDomainAndInsecureGetsNoSecure() {
        String c = cookies("localhost", false).session("tok", AT);
        assertFalse(c.contains("Domain="), c);
        assertFalse(c.contains("Secure"), c);
    }

    @Test
    void clearingRemovesBothCookiesWithTheirAttributes() {
        List<String> cleared = cookies("flags.example.com", true).clearing();
        assertEquals(2, cleared.size());
        for (String c : cleared) {
            assertTrue(c.contains("=; Path=/; Domain=flags.example.com; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly"), c);
        }
        assertTrue(cookies("flags.example.com", false).clearState("/auth/v1/method/github/callback")
                .startsWith("flipt_client_state=; Path=/auth/v1/method/github/callback;"));
    }
}
