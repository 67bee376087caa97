package dev.flagpost.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.testing.Configs;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigViewTest {
    static final String CONFIG = """
            authentication:
              required: true
              session: {domain: flags.example.com, csrf: {key: csrf-key-secret}}
              methods:
                token: {enabled: true, bootstrap: {token: bootstrap-secret, metadata: {team: ops}}}
                oidc:
                  enabled: true
                  providers: {google: {issuer_url: 'https://accounts.google.com', client_id: oidc-client-id-secret, client_secret: oidc-secret, redirect_address: 'https://flags.example.com'}}
                github: {enabled: true, client_id: gh-id-secret, client_secret: gh-secret, redirect_address: 'https://flags.example.com', scopes: [read:org]}
                jwt: {enabled: true, jwks_url: 'https://idp.example.com/jwks-secret-location'}
            """;

    @SuppressWarnings("unchecked")
    @Test
    void theConfigViewHasFliptsShapeAndNoSecret() throws Exception {
        Map<String, Object> view = ConfigView.of(Configs.load(CONFIG).authentication());
        String json;
        try (var jsonb = JsonbBuilder.create()) {
            json = jsonb.toJson(view);
        }
        for (String secret : new String[] {"csrf-key-secret", "bootstrap-secret", "oidc-client-id-secret", "oidc-secret", "gh-id-secret",
                "gh-secret", "jwks-secret-location"}) {
            assertFalse(json.contains(secret), secret + " leaked: " + json);
        }
        var auth = (Map<String, Object>) view.get("authentication");
        var session = (Map<String, Object>) auth.get("session");
        assertEquals(86_400_000_000_000L, session.get("tokenLifetime"), "Go durations are nanoseconds");
        var methods = (Map<String, Object>) auth.get("methods");
        var token = (Map<String, Object>) methods.get("token");
        assertEquals(true, token.get("enabled"));
        assertEquals(Map.of("bootstrap", Map.of("metadata", Map.of("team", "ops"))), token.get("Method"));
        assertTrue(json.contains("\"issuerURL\":\"https://accounts.google.com\""), json);
        var kubernetes = (Map<String, Object>) methods.get("kubernetes");
        assertFalse(kubernetes.containsKey("enabled"), "omitempty: a disabled method has no enabled key");
    }
}
