package dev.flagpost.authn.method.github;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.logging.Logger;

/** Flipt's GitHub routes: {@code /auth/v1/method/github/authorize|callback}. Public. */
@Guarded(Section.PUBLIC)
@Path("/auth/v1/method/github")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class GithubResource {
    private static final Logger LOG = Logger.getLogger(GithubResource.class.getName());

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
    public Response authorize(@QueryParam("state") String originalState) {
        GithubMethod github = method();
        if (originalState != null && originalState.length() > 512) {
            throw FliptException.invalidArgument("state is too long (at most 512 characters)");
        }
        GithubMethod.Authorize a = github.authorize(originalState);
        return Response.ok(Map.of("authorizeUrl", a.authorizeUrl().toString()))
                .header("Set-Cookie", cookies.state(a.encodedState(), GithubMethodConfig.CALLBACK_PATH,
                        clock.instant().plus(authConfig.session().stateLifetime())))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
                             @CookieParam(SessionCookies.STATE_COOKIE) String stateCookie,
                             @HeaderParam(ForwardedPrefix.HEADER) String prefix) {
        GithubMethod github = method();
        String clearState = cookies.clearState(GithubMethodConfig.CALLBACK_PATH);
        try {
            return LoginResponses.loggedIn(github.callback(code, state, stateCookie, error), clearState, prefix);
        } catch (GithubMethod.Rejected e) {
            LOG.info(() -> "github login refused: " + e.getMessage());
            return LoginResponses.failed(401, Code.UNAUTHENTICATED, "login failed: " + e.getMessage(), clearState);
        } catch (GithubMethod.UpstreamFailure e) {
            LOG.warning(e.getMessage());
            // 502: GitHub, not the user, is at fault; gRPC has no such code, UNAVAILABLE is the nearest.
            return LoginResponses.failed(502, Code.UNAVAILABLE, "login failed: " + e.getMessage(), clearState);
        } catch (StoreUnavailableException e) {
            return LoginResponses.storeUnavailable(clearState);
        }
    }

    private GithubMethod method() {
        if (methods.running(GithubMethod.class).isEmpty()) {
            throw FliptException.notFound("the github method is not enabled");
        }
        return methods.running(GithubMethod.class).get();
    }
}
