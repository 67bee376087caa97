package dev.flagpost.authn.client;

import dev.flagpost.config.InvalidConfigException;
import java.net.URI;
import java.util.List;

/**
 * {@code authentication.client}: what Flagpost tells its clients (SDK, CLI) about the identity
 * provider they should log in with. Published at {@code GET /auth/v1/client-config}; the provider's
 * RFC 8414 metadata is proxied at {@code GET /.well-known/oauth-authorization-server}. Optional:
 * without {@code issuer} both routes answer 404.
 *
 * @param authorizationMetadataKey the header clients send tokens in (default {@code authorization})
 */
public record ClientAuthConfig(String issuer, String clientId, String redirectUri, List<String> scopes, String audience,
                               String authorizationMetadataKey) {

    public ClientAuthConfig {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        authorizationMetadataKey = authorizationMetadataKey == null || authorizationMetadataKey.isBlank()
                ? "authorization" : authorizationMetadataKey;
        if (issuer != null && !issuer.isBlank()) {
            if (!isHttpUrl(issuer)) {
                throw InvalidConfigException.of("issuer", "\"" + issuer + "\" is not an http(s) URL", "e.g. https://idp.example.com/realms/main");
            }
            if (clientId == null || clientId.isBlank()) {
                throw InvalidConfigException.of("client_id", "non-empty value is required when issuer is set",
                        "set the client id that Flagpost's CLI and SDKs are registered under at the provider");
            }
            if (redirectUri != null && !redirectUri.isBlank() && !isHttpUrl(redirectUri)) {
                throw InvalidConfigException.of("redirect_uri", "\"" + redirectUri + "\" is not an http(s) URL", "e.g. http://localhost:53682/callback");
            }
        }
    }

    public static ClientAuthConfig none() {
        return new ClientAuthConfig(null, null, null, List.of(), null, null);
    }

    public boolean configured() {
        return issuer != null && !issuer.isBlank();
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
