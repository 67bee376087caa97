package dev.flagpost.authn.method.oidc;

import dev.flagpost.authn.method.AuthMethods;
import java.time.Clock;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.session.LoginResponses;
import dev.flagpost.authn.web.ForwardedPrefix;
import dev.flagpost.authn.web.SessionCookies;
import dev.flagpost.persistence.StoreUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.logging.Logger;

/** Flipt's OIDC routes, one pair per provider: {@code /auth/v1/method/oidc/{provider}/authorize|callback}. Public. */
@Guarded(Section.PUBLIC)
@Path("/auth/v1/method/oidc/{provider}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class OidcResource {
    private static final Logger LOG = Logger.getLogger(OidcResource.class.getName());

    @Inject
    AuthenticationConfig authConfig;

    @Inject
    SessionCookies cookies;

    @Inject
    Clock clock;

    @Inject
    AuthMethods methods;

    @GET
    @Path("/authorize")
    public Response authorize(@PathParam("provider") String name, @QueryParam("state") String originalState) {
        OidcProvider provider = provider(name);
        if (originalState != null && originalState.length() > 512) {
            throw FliptException.invalidArgument("state is too long (at most 512 characters)");
        }
        try {
            OidcMethod.Authorize a = oidc().authorize(provider, originalState);
            return Response.ok(Map.of("authorizeUrl", a.authorizeUrl().toString()))
                    .header("Set-Cookie", cookies.state(a.encodedState(), a.callbackPath(),
                            clock.instant().plus(authConfig.session().stateLifetime())))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (OidcProvider.Unavailable e) {
            LOG.warning(e.getMessage());
            throw FliptException.unavailable(e.getMessage());
        }
    }

    @GET
    @Path("/callback")
    public Response callback(@PathParam("provider") String name, @QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @CookieParam(SessionCookies.STATE_COOKIE) String stateCookie,
                             @HeaderParam(ForwardedPrefix.HEADER) String prefix) {
        OidcProvider provider = provider(name);
        String clearState = cookies.clearState(provider.config().callbackPath());
        try {
            return LoginResponses.loggedIn(oidc().callback(provider, code, state, stateCookie, error), clearState, prefix);
        } catch (OidcProvider.Rejected e) {
            LOG.info(() -> "oidc login via " + name + " refused: " + e.getMessage());
            return LoginResponses.failed(401, Code.UNAUTHENTICATED, "login failed: " + e.getMessage(), clearState);
        } catch (OidcProvider.Unavailable e) {
            LOG.warning(e.getMessage());
            return LoginResponses.failed(503, Code.UNAVAILABLE, e.getMessage(), clearState);
        } catch (StoreUnavailableException e) {
            return LoginResponses.storeUnavailable(clearState);
        }
    }

    private OidcProvider provider(String name) {
        if (methods.running(OidcMethod.class).isEmpty()) {
            throw FliptException.notFound("the oidc method is not enabled");
        }
        return oidc().provider(name).orElseThrow(() -> FliptException.notFound("no OIDC provider named \"" + name + "\""));
    }

    private OidcMethod oidc() {
        return methods.running(OidcMethod.class).orElseThrow(() -> FliptException.notFound("the oidc method is not enabled"));
    }
}
