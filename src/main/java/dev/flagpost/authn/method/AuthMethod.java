package dev.flagpost.authn.method;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.Resolution;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A method that is enabled and running, built by its {@link AuthMethodFactory}. The gate, the
 * listing, logout and the resolver ask every running method through these hooks; a method
 * implements only those it needs.
 */
public interface AuthMethod {
    Method method();

    /**
     * Why a live, unexpired authentication of this method no longer passes (OIDC's
     * {@code email_matches} after a config change), or null when it does.
     */
    default String refusal(Authentication a) {
        return null;
    }

    /** {@code ListAuthenticationMethods} metadata: the method's authorize/callback URLs under {@code prefix}. */
    default Map<String, Object> listingMetadata(String prefix) {
        return Map.of();
    }

    /** Authentications written in the config rather than stored (static tokens). */
    default ConfiguredAuthentications configured() {
        return ConfiguredAuthentications.NONE;
    }

    /**
     * Verifies an {@code Authorization: JWT} credential, or empty when this method does not take
     * them. At most one running method does.
     */
    default Optional<JwtVerifier> jwtVerifier() {
        return Optional.empty();
    }

    /** Where the browser goes after logout to end the session at the identity provider too (OIDC RP-initiated logout). */
    default Optional<URI> logoutRedirect(Authentication a) {
        return Optional.empty();
    }

    /** Checks a JWT; never throws: an outage is {@link Resolution.Unavailable}. */
    @FunctionalInterface
    interface JwtVerifier {
        Resolution verify(String jwt);
    }
}
