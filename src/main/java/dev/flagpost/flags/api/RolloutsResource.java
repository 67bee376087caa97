package dev.flagpost.flags.api;

import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.api.JsonInput;
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

/** Rollouts of a boolean flag and their order. */
@Guarded(value = Section.MANAGEMENT, namespaceParam = "ns")
@Path("/api/v1/namespaces/{ns}/flags/{flagKey}/rollouts")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class RolloutsResource {
    @Inject
    FlagServices flags;

    @PathParam("ns")
    String ns;

    @PathParam("flagKey")
    String flagKey;

    @GET
    public FlagsJson.RolloutList list(@QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("pageToken") String pageToken) {
        return flags.rollouts().list(ns, flagKey, Inputs.limit(limit), FlagState.offset(pageToken, offset));
    }

    @POST
    public FlagsJson.Rollout create(JsonObject body) {
        return flags.rollouts().create(ns, flagKey, Inputs.rolloutInput(body));
    }

    @PUT
    @Path("order")
    public Map<String, Object> order(JsonObject body) {
        flags.rollouts().order(ns, flagKey, JsonInput.stringList(Inputs.require(body), "rolloutIds", "rollout_ids"));
        return Map.of();
    }

    @GET
    @Path("{id}")
    public FlagsJson.Rollout get(@PathParam("id") String id) {
        return flags.rollouts().get(ns, flagKey, id);
    }

    @PUT
    @Path("{id}")
    public FlagsJson.Rollout update(@PathParam("id") String id, JsonObject body) {
        return flags.rollouts().update(ns, flagKey, id, Inputs.rolloutInput(body));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        flags.rollouts().delete(ns, flagKey, id);
        return Map.of();
    }
}
