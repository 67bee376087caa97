package dev.flagpost.flags.api;

import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.flags.store.FlagState;
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

/** Flags and their variants. */
@Guarded(value = Section.MANAGEMENT, namespaceParam = "ns")
@Path("/api/v1/namespaces/{ns}/flags")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FlagsResource {
    @Inject
    FlagServices flags;

    @PathParam("ns")
    String ns;

    @GET
    public FlagsJson.FlagList list(@QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                                   @QueryParam("pageToken") String pageToken) {
        return flags.flags().list(ns, Inputs.limit(limit), FlagState.offset(pageToken, offset));
    }

    @POST
    public FlagsJson.Flag create(JsonObject body) {
        return flags.flags().create(ns, Inputs.flag(body, null));
    }

    @GET
    @Path("{key}")
    public FlagsJson.Flag get(@PathParam("key") String key) {
        return flags.flags().get(ns, key);
    }

    @PUT
    @Path("{key}")
    public FlagsJson.Flag update(@PathParam("key") String key, JsonObject body) {
        return flags.flags().update(ns, key, Inputs.flag(body, key));
    }

    @DELETE
    @Path("{key}")
    public Map<String, Object> delete(@PathParam("key") String key) {
        flags.flags().delete(ns, key);
        return Map.of();
    }

    @POST
    @Path("{flagKey}/variants")
    public FlagsJson.Variant createVariant(@PathParam("flagKey") String flagKey, JsonObject body) {
        return flags.flags().createVariant(ns, flagKey, Inputs.variant(body));
    }

    @PUT
    @Path("{flagKey}/variants/{id}")
    public FlagsJson.Variant updateVariant(@PathParam("flagKey") String flagKey, @PathParam("id") String id, JsonObject body) {
        return flags.flags().updateVariant(ns, flagKey, id, Inputs.variant(body));
    }

    @DELETE
    @Path("{flagKey}/variants/{id}")
    public Map<String, Object> deleteVariant(@PathParam("flagKey") String flagKey, @PathParam("id") String id) {
        flags.flags().deleteVariant(ns, flagKey, id);
        return Map.of();
    }
}
