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

/** Segments and their constraints. */
@Guarded(value = Section.MANAGEMENT, namespaceParam = "ns")
@Path("/api/v1/namespaces/{ns}/segments")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SegmentsResource {
    @Inject
    FlagServices flags;

    @PathParam("ns")
    String ns;

    @GET
    public FlagsJson.SegmentList list(@QueryParam("limit") @DefaultValue("0") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("pageToken") String pageToken) {
        return flags.segments().list(ns, Inputs.limit(limit), FlagState.offset(pageToken, offset));
    }

    @POST
    public FlagsJson.Segment create(JsonObject body) {
        return flags.segments().create(ns, Inputs.segment(body, null));
    }

    @GET
    @Path("{key}")
    public FlagsJson.Segment get(@PathParam("key") String key) {
        return flags.segments().get(ns, key);
    }

    @PUT
    @Path("{key}")
    public FlagsJson.Segment update(@PathParam("key") String key, JsonObject body) {
        return flags.segments().update(ns, key, Inputs.segment(body, key));
    }

    @DELETE
    @Path("{key}")
    public Map<String, Object> delete(@PathParam("key") String key) {
        flags.segments().delete(ns, key);
        return Map.of();
    }

    @POST
    @Path("{segmentKey}/constraints")
    public FlagsJson.Constraint createConstraint(@PathParam("segmentKey") String segmentKey, JsonObject body) {
        return flags.segments().createConstraint(ns, segmentKey, Inputs.constraint(body));
    }

    @PUT
    @Path("{segmentKey}/constraints/{id}")
    public FlagsJson.Constraint updateConstraint(@PathParam("segmentKey") String segmentKey, @PathParam("id") String id, JsonObject body) {
        return flags.segments().updateConstraint(ns, segmentKey, id, Inputs.constraint(body));
    }

    @DELETE
    @Path("{segmentKey}/constraints/{id}")
    public Map<String, Object> deleteConstraint(@PathParam("segmentKey") String segmentKey, @PathParam("id") String id) {
        flags.segments().deleteConstraint(ns, segmentKey, id);
        return Map.of();
    }
}
