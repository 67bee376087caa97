package bench.mpjwt;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Two trivial endpoints: {@code /check} needs a verified JWT with the group "bench" (what Liberty's
 * mpJwt-2.1 costs per request), {@code /open} needs nothing (this server's ceiling).
 */
@Path("/")
@RequestScoped
public class CheckResource {
    @Inject
    JsonWebToken jwt;

    @GET
    @Path("check")
    @RolesAllowed("bench")
    @Produces(MediaType.APPLICATION_JSON)
    public String check() {
        return "{\"authenticated\":true,\"id\":\"" + jwt.getSubject() + "\"}";
    }

    @GET
    @Path("open")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String open() {
        return "{\"authenticated\":false}";
    }
}
