package dev.flagpost.authn.web;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The authenticated caller of the current request, for injection into resources. */
@RequestScoped
public class Caller {
    @Inject
    HttpServletRequest request;

    /** Empty on public and excluded routes. */
    public Optional<Authentication> authentication() {
        return CallerAttribute.of(request);
    }

    /** The caller of a protected route; the mechanism has already refused requests without one. */
    public Authentication require() {
        return authentication().orElseThrow(FliptException::unauthenticated);
    }
}
