package dev.flagpost.authn.api;

import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.web.SessionCookies;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.store.AuthenticationStore;
import jakarta.enterprise.context.RequestScoped;
import dev.flagpost.authn.web.Caller;
import dev.flagpost.authn.web.CsrfGuard;
import java.net.URI;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Flipt's {@code flipt.auth.AuthenticationService} over HTTP ({@code /auth/v1}). */
@Guarded(Section.AUTH)
@Path("/auth/v1")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AuthenticationResource {
    @Inject
    CsrfGuard csrf;

    @Inject
    SessionCookies cookies;

    @Inject
    AuthenticationService authentications;

    @Inject
    AuthMethods methods;

    @Inject
    Caller caller;

    @GET
    @Path("/self")
    public Response self() {
        Authentication a = caller.require();
        Response.ResponseBuilder r = Response.ok(AuthenticationJson.of(a), MediaType.APPLICATION_JSON_TYPE);
        if (csrf.enabled()) {
            r.header(CsrfGuard.HEADER, csrf.tokenFor(a.id()));
        }
        return r.build();
    }

    @PUT
    @Path("/self/expire")
    public Response expireSelf(@QueryParam("expiresAt") String expiresAtQuery, String body) {
        // The body is optional (curl -X PUT sends none), so it is read by hand rather than as a JsonObject entity.
        String text = expiresAtQuery != null ? expiresAtQuery
                : JsonInput.string(JsonInput.optionalObject(body), "expiresAt", "expires_at");
        authentications.expireSelf(caller.require(), JsonInput.timestamp(text, "expiresAt"));
        return clearingCookies(Map.of());
    }

    @DELETE
    @Path("/self/revoke")
    public Response revokeSelf() {
        Authentication a = caller.require();
        // Ask for the provider's logout URL first: once revoked, the session's provider is gone.
        URI next = methods.running(a.method()).flatMap(m -> m.logoutRedirect(a)).orElse(null);
        authentications.revokeSelf(a);
        return clearingCookies(next == null ? Map.of() : Map.of("nextUri", next.toString()));
    }

    @GET
    @Path("/tokens")
    public Map<String, Object> list(@QueryParam("method") String method, @QueryParam("limit") @DefaultValue("0") String limit,
                                    @QueryParam("pageToken") String pageToken, @QueryParam("page_token") String pageTokenSnake) {
        caller.require();
        Method m = null;
        if (method != null && !method.isEmpty() && !method.equals("METHOD_NONE")) {
            m = Method.parse(method).orElseThrow(() -> FliptException.invalidArgument("method \"" + method + "\" is not known"));
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw FliptException.invalidArgument("limit must be a number");
        }
        AuthenticationStore.Page page = authentications.list(m, n, pageToken != null ? pageToken : pageTokenSnake);
        List<AuthenticationJson> items = page.authentications().stream().map(AuthenticationJson::of).toList();
        return Map.of("authentications", items, "nextPageToken", page.nextPageToken());
    }

    @GET
    @Path("/tokens/{id}")
    public AuthenticationJson get(@PathParam("id") String id) {
        caller.require();
        return AuthenticationJson.of(authentications.get(id));
    }

    @DELETE
    @Path("/tokens/{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        authentications.delete(id, caller.require());
        return Map.of();
    }

    private Response clearingCookies(Map<String, String> body) {
        Response.ResponseBuilder r = Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store");
        cookies.clearing().forEach(c -> r.header("Set-Cookie", c));
        return r.build();
    }
}
