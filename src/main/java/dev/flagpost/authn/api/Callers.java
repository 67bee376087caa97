package dev.flagpost.authn.api;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.web.CallerAttribute;
import jakarta.servlet.http.HttpServletRequest;

/** The caller of a protected route; the mechanism has already refused requests without one. */
public final class Callers {
    private Callers() {
    }

    public static Authentication require(HttpServletRequest request) {
        return CallerAttribute.of(request).orElseThrow(FliptException::unauthenticated);
    }
}
