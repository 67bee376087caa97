package dev.flagpost.client.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the OAuth flows need to know about the identity provider and this client.
 *
 * @param tokenEndpoint               required for every OAuth flow
 * @param authorizationEndpoint       required for PKCE
 * @param deviceAuthorizationEndpoint required for the device flow; null when the IdP has none
 * @param redirectUri                 loopback URI for PKCE; port 0 means "any free port" (RFC 8252 §7.3)
 * @param clientId                    the public (or confidential) client id
 * @param scopes                      requested scopes, never null
 * @param headerKey                   metadata / header carrying the token; default {@code authorization}
 * @param audience                    optional {@code audience} parameter (Auth0, Okta style)
 * @param issuer                      the IdP's issuer, recorded with stored tokens
 */
public record ClientConfig(URI tokenEndpoint, URI authorizationEndpoint, URI deviceAuthorizationEndpoint,
                           URI redirectUri, String clientId, List<String> scopes, String headerKey,
                           String audience, String issuer) {
    public static final String DEFAULT_HEADER_KEY = "authorization";
    public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1:0/callback");

    public ClientConfig {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        headerKey = blankToNull(headerKey) == null ? DEFAULT_HEADER_KEY : headerKey.toLowerCase(java.util.Locale.ROOT);
        clientId = blankToNull(clientId);
        audience = blankToNull(audience);
        issuer = blankToNull(issuer);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().tokenEndpoint(tokenEndpoint).authorizationEndpoint(authorizationEndpoint)
                .deviceAuthorizationEndpoint(deviceAuthorizationEndpoint).redirectUri(redirectUri)
                .clientId(clientId).scopes(scopes).headerKey(headerKey).audience(audience).issuer(issuer);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Fails with a message naming the missing field and how to supply it. */
    public <T> T require(T value, String field) {
        if (value == null) {
            throw new dev.flagpost.client.auth.AuthenticationException(
                    "the client configuration has no " + field
                            + "; configure it on the Flagpost server (GET /auth/v1/client-config) or pass it explicitly");
        }
        return value;
    }

    public static final class Builder {
        private URI tokenEndpoint;
        private URI authorizationEndpoint;
        private URI deviceAuthorizationEndpoint;
        private URI redirectUri = DEFAULT_REDIRECT_URI;
        private String clientId;
        private List<String> scopes = List.of();
        private String headerKey;
        private String audience;
        private String issuer;

        public Builder tokenEndpoint(URI v) { tokenEndpoint = v; return this; }
        public Builder authorizationEndpoint(URI v) { authorizationEndpoint = v; return this; }
        public Builder deviceAuthorizationEndpoint(URI v) { deviceAuthorizationEndpoint = v; return this; }
        public Builder redirectUri(URI v) { redirectUri = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder scopes(List<String> v) { scopes = Objects.requireNonNullElse(v, List.of()); return this; }
        public Builder headerKey(String v) { headerKey = v; return this; }
        public Builder audience(String v) { audience = v; return this; }
        public Builder issuer(String v) { issuer = v; return this; }

        public ClientConfig build() {
            return new ClientConfig(tokenEndpoint, authorizationEndpoint, deviceAuthorizationEndpoint,
                    redirectUri, clientId, scopes, headerKey, audience, issuer);
        }
    }
}
