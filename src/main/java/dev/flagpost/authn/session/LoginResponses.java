package dev.flagpost.authn.session;

import dev.flagpost.api.Code;
import dev.flagpost.api.ErrorBody;
import dev.flagpost.authn.api.AuthenticationJson;
import dev.flagpost.authn.web.ForwardedPrefix;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The two ways a login callback ends, for every session-compatible method; both clear the state cookie. */
public final class LoginResponses {
    private LoginResponses() {
    }

    /** 302 home with the session cookie (Flipt: the body carries the authentication, never the token). */
    public static Response loggedIn(SessionIssuer.Session session, String clearState, String forwardedPrefix) {
        return Response.status(Response.Status.FOUND)
                // Relative, as a raw header: JAX-RS would make location() absolute from the Host header.
                .header("Location", ForwardedPrefix.home(forwardedPrefix))
                .header("Set-Cookie", session.setCookie())
                .header("Set-Cookie", clearState)
                .header("Cache-Control", "no-store")
                .entity(Map.of("authentication", AuthenticationJson.of(session.authentication())))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** Flipt's error JSON; {@code httpStatus} may differ from the code's (502 for an upstream fault). */
    public static Response failed(int httpStatus, Code code, String message, String clearState) {
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message).toJson())
                .header("Set-Cookie", clearState)
                .header("Cache-Control", "no-store")
                .build();
    }

    public static Response storeUnavailable(String clearState) {
        return failed(503, Code.UNAVAILABLE, "the login could not be completed: the authentication store is unavailable; try again shortly", clearState);
    }
}
