package dev.flagpost.authn.web;

import dev.flagpost.authn.Authentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Where the mechanism leaves the caller's Authentication for the resources of the same request. */
public final class CallerAttribute {
    static final String NAME = CallerAttribute.class.getName();

    private CallerAttribute() {
    }

    static void set(HttpServletRequest request, Authentication authentication) {
        request.setAttribute(NAME, authentication);
    }

    public static Optional<Authentication> of(HttpServletRequest request) {
        return Optional.ofNullable((Authentication) request.getAttribute(NAME));
    }
}
