package dev.flagpost.authn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginStateTest {
    @Test
    void aStateRoundTripsWhenParameterAndCookieAgree() {
        LoginState s = LoginState.fresh("/flags/dark-mode");
        String encoded = s.encode();
        LoginState back = LoginState.verify(encoded, encoded).orElseThrow();
        assertEquals(s.securityToken(), back.securityToken());
        assertEquals("/flags/dark-mode", back.originalState());
        // Flipt's format: base64url of {"security_token":..,"original_state":..}
        String json = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"security_token\":\"" + s.securityToken() + "\""), json);
    }

    @Test
    void everyStateIsFresh() {
        assertNotEquals(LoginState.fresh("").securityToken(), LoginState.fresh("").securityToken());
        assertEquals(43, LoginState.randomToken().length(), "256 bits, base64url without padding");
    }

    @Test
    void aStateIsRefusedWhenTheCookieIsMissingDiffersOrIsHostile() {
        String good = LoginState.fresh("x").encode();
        assertTrue(LoginState.verify(good, null).isEmpty());
        assertTrue(LoginState.verify(null, good).isEmpty());
        assertTrue(LoginState.verify(good, LoginState.fresh("x").encode()).isEmpty());
        for (String hostile : new String[] {"", "not-base64!", b64("not json"), b64("[]"), b64("{\"security_token\":1}"),
                b64("{\"security_token\":\"short\"}"), b64("{}"), "A".repeat(5000)}) {
            assertTrue(LoginState.verify(hostile, hostile).isEmpty(), hostile);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
