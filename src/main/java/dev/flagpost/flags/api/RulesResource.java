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

/** Rules of a flag, their order, and their distributions. */
@Guarded(value = Section.MANAGEMENT, namespaceParam = "ns")
@Path("/api/v1/namespaces/{ns}/flags/{flagKey}/rules")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class RulesResource {
    @Inject
    FlagServices flags;

    @PathParam("ns")
    String ns;

    @PathParam("flagKey")
    String flagKey;

    @GET
    public FlagsJson.RuleList list(@QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                                   @QueryParam("pageToken") String pageToken) {
        return flags.rules().list(ns, flagKey, Inputs.limit(limit), FlagState.offset(pageToken, offset));
    }

    @POST
    public FlagsJson.Rule create(JsonObject body) {
        return flags.rules().create(ns, flagKey, Inputs.rule(body));
    }

    @PUT
    @Path("order")
    public Map<String, Object> order(JsonObject body) {
        flags.rules().order(ns, flagKey, JsonInput.stringList(Inputs.require(body), "ruleIds", "rule_ids"));
        return Map.of();
    }

    @GET
    @Path("{id}")
    public FlagsJson.Rule get(@PathParam("id") String id) {
        return flags.rules().get(ns, flagKey, id);
    }

    @PUT
    @Path("{id}")
    public FlagsJson.Rule update(@PathParam("id") String id, JsonObject body) {
        return flags.rules().update(ns, flagKey, id, Inputs.rule(body));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        flags.rules().delete(ns, flagKey, id);
        return Map.of();
    }

    @POST
    @Path("{ruleId}/distributions")
    public FlagsJson.Distribution createDistribution(@PathParam("ruleId") String ruleId, JsonObject body) {
        return flags.rules().createDistribution(ns, flagKey, ruleId,
                Inputs.s(Inputs.require(body), "variantId", "variant_id"), Inputs.rollout(body));
    }

    @PUT
    @Path("{ruleId}/distributions/{id}")
    public FlagsJson.Distribution updateDistribution(@PathParam("ruleId") String ruleId, @PathParam("id") String id, JsonObject body) {
        return flags.rules().updateDistribution(ns, flagKey, ruleId, id,
                Inputs.s(Inputs.require(body), "variantId", "variant_id"), Inputs.rollout(body));
    }

    @DELETE
    @Path("{ruleId}/distributions/{id}")
    public Map<String, Object> deleteDistribution(@PathParam("ruleId") String ruleId, @PathParam("id") String id) {
        flags.rules().deleteDistribution(ns, flagKey, ruleId, id);
        return Map.of();
    }
}
