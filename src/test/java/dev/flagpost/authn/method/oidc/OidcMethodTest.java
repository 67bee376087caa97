package dev.flagpost.authn.method.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcMethodTest {
    private static OidcMethod method(List<String> emailMatches) {
        return new OidcMethod(new OidcMethodConfig(true, emailMatches, Map.of(), CleanupConfig.DEFAULT), null, null, Clock.systemUTC());
    }

    @Test
    void emailMatchesUsesGoSemanticsAnyPatternAnywhere() {
        OidcMethod m = method(List.of("@flipt[.]io$", "^admin@"));
        assertTrue(m.emailAllowed("alice@flipt.io"));
        assertTrue(m.emailAllowed("admin@example.com"));
        assertFalse(m.emailAllowed("alice@flipt.io.evil.test"));
        assertFalse(m.emailAllowed(null));
        assertTrue(method(List.of()).emailAllowed(null), "no patterns: anyone the provider vouches for");
    }

    @Test
    void aSessionWhoseEmailNoLongerMatchesStopsWorking() {
        OidcMethod m = method(List.of("@flipt[.]io$"));
        assertTrue(m.stillAllowed(session(Method.OIDC, "alice@flipt.io")));
        assertFalse(m.stillAllowed(session(Method.OIDC, "alice@other.io")));
        assertFalse(m.stillAllowed(session(Method.OIDC, null)));
        assertTrue(m.stillAllowed(session(Method.TOKEN, null)), "other methods are not OIDC's business");
    }

    private static Authentication session(Method method, String email) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Authentication("id", method, now.plusSeconds(60), now, now,
                email == null ? Map.of() : Map.of(OidcMethod.META_EMAIL, email), false);
    }
}
