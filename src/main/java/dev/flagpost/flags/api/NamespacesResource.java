package dev.flagpost.flags.api;

import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Guarded(value = Section.MANAGEMENT, namespaceParam = "key")
@Path("/api/v1/namespaces")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class NamespacesResource {
    @Inject
    FlagServices flags;

    @GET
    public FlagsJson.NamespaceList list(@QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("pageToken") String pageToken) {
        return flags.namespaces().list(Inputs.limit(limit), dev.flagpost.flags.store.FlagState.offset(pageToken, offset));
    }

    @POST
    public FlagsJson.Namespace create(JsonObject body) {
        Inputs.require(body);
        return flags.namespaces().create(Inputs.s(body, "key", "key"), Inputs.s(body, "name", "name"),
                Inputs.s(body, "description", "description"));
    }

    @GET
    @Path("{key}")
    public FlagsJson.Namespace get(@PathParam("key") String key) {
        return flags.namespaces().get(key);
    }

    @PUT
    @Path("{key}")
    public FlagsJson.Namespace update(@PathParam("key") String key, JsonObject body) {
        Inputs.require(body);
        return flags.namespaces().update(key, Inputs.s(body, "name", "name"), Inputs.s(body, "description", "description"));
    }

    @DELETE
    @Path("{key}")
    public Map<String, Object> delete(@PathParam("key") String key) {
        flags.namespaces().delete(key);
        return Map.of();
    }
}
