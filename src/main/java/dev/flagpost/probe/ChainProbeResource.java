package dev.flagpost.probe;

import dev.flagpost.authn.web.CallerAttribute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trivial endpoint in each API section ({@code /api/v1/_probe}, {@code /evaluate/v1/_probe},
 * {@code /internal/v1/_probe}, {@code /ofrep/v1/_probe}) that shows whether the chain let the
 * request through and as whom. It stays as the benchmark's baseline for the cost of the chain.
 */
@Path("/")
@RequestScoped
public class ChainProbeResource {
    @Context
    HttpServletRequest request;

    @GET
    @Path("{section: api|evaluate|internal|ofrep}/v1/_probe")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> probe(@PathParam("section") String section) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("section", section);
        CallerAttribute.of(request).ifPresentOrElse(a -> {
            out.put("authenticated", true);
            out.put("id", a.id());
        }, () -> out.put("authenticated", false));
        return out;
    }
}
