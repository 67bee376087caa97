package dev.flagpost.authn.web;

import dev.flagpost.authn.Authentication;
import jakarta.security.enterprise.CallerPrincipal;

/** The container's view of the caller: named by the authentication id, carrying the whole Authentication. */
public final class FlagpostPrincipal extends CallerPrincipal {
    private final transient Authentication authentication;

    public FlagpostPrincipal(Authentication authentication) {
        super(authentication.id());
        this.authentication = authentication;
    }

    public Authentication authentication() {
        return authentication;
    }
}
