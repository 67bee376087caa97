package dev.flagpost.authn.web;

import dev.flagpost.authn.Authentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Where the mechanism leaves the caller's Authentication for the resources of the same request. */
public final class CallerAttribute {
    static final String NAME = CallerAttribute.class.getName();

    private CallerAttribute() {
    }

    static final String PASSED = CallerAttribute.class.getName() + ".passed";

    /** The gate let the request through, with this caller (null on public and excluded routes). */
    static void set(HttpServletRequest request, Authentication authentication) {
        request.setAttribute(NAME, authentication);
        request.setAttribute(PASSED, Boolean.TRUE);
    }

    /** Whether the gate has decided this request and let it through: only then may a caller-less request run. */
    public static boolean gatePassed(HttpServletRequest request) {
        return request.getAttribute(PASSED) == Boolean.TRUE;
    }

    public static Optional<Authentication> of(HttpServletRequest request) {
        return Optional.ofNullable((Authentication) request.getAttribute(NAME));
    }
}
