package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a newcomer gets from {@code java -jar target/flagpost.jar} with no config at all. */
class DefaultConfigIT {

    @Test
    void withoutConfigAuthenticationIsRequiredAndTheBootstrapTokenIsPrintedOnlyOnce() {
        FlagpostServer server = FlagpostServer.shared("default", null, Map.of());
        Http http = new Http(server);
        String token = server.bootstrapToken();
        assertEquals(44, token.length(), "32 random bytes, base64url with padding");
        assertEquals(401, http.get("/api/v1/_probe").status());
        assertEquals(200, http.get("/api/v1/_probe", bearer(token)).status());

        FlagpostServer again = FlagpostServer.restart("default", null, Map.of());
        String second = again.output().substring(again.output().lastIndexOf("=== start"));
        assertFalse(second.contains("shown once"), "a token authentication exists, so no new bootstrap token");
        assertFalse(second.contains(token), "the token is never printed again");
        assertEquals(200, new Http(again).get("/api/v1/_probe", bearer(token)).status(), "the embedded database kept it");
        assertTrue(again.output().split(token, -1).length - 1 == 1, "printed exactly once in all");
    }

    /** Flipt's own integration harness marks its bootstrap token this way and reads the mark back. */
    @Test
    void bootstrapMetadataFromFliptEnvironmentVariablesIsStoredOnTheBootstrapToken() {
        FlagpostServer server = FlagpostServer.shared("bootstrap-env", null,
                Map.of("FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_METADATA_IS_BOOTSTRAP", "true"));
        var self = new Http(server).get("/auth/v1/self", bearer(server.bootstrapToken()));
        assertEquals(200, self.status(), self.body());
        var metadata = self.json().get("metadata");
        assertEquals("true", metadata.get("is_bootstrap").asText());
        assertEquals("Initial token created when bootstrapping authentication", metadata.get("io.flipt.auth.token.description").asText());
        assertEquals("initial_bootstrap_token", metadata.get("io.flipt.auth.token.name").asText());
    }
}
