package dev.flagpost.flags.api;

import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.api.JsonInput;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.web.Caller;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.store.FlagState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Flipt v1's legacy evaluation, still served by Flipt 1.61 and called by its older SDKs:
 * {@code POST /api/v1/evaluate} and {@code /api/v1/batch-evaluate} (namespace in the body). The
 * namespaced forms are {@link Namespaced}. Part of the management API, as in Flipt (its exclusion
 * is {@code exclude.management}).
 *
 * <p>Two root classes, because JAX-RS picks the root resource before the method and would send
 * {@code /api/v1/namespaces/x/evaluate} to the namespaces resource if this class were rooted at
 * {@code /api/v1}.
 */
@Guarded(value = Section.MANAGEMENT, namespaceInRequest = true)
@Path("/api/v1/{operation: evaluate|batch-evaluate}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class LegacyEvaluationResource {
    @Inject
    EvaluationService evaluation;

    @Inject
    Caller caller;

    @POST
    public Object evaluate(@PathParam("operation") String operation, JsonObject body) {
        return handle(evaluation, caller, operation, null, body);
    }

    /** {@code POST /api/v1/namespaces/{ns}/evaluate} and {@code /batch-evaluate}: the path's namespace wins over the body's. */
    @Guarded(value = Section.MANAGEMENT, namespaceParam = "ns")
    @Path("/api/v1/namespaces/{ns}/{operation: evaluate|batch-evaluate}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequestScoped
    public static class Namespaced {
        @Inject
        EvaluationService evaluation;

        @Inject
        Caller caller;

        @PathParam("ns")
        String ns;

        @POST
        public Object evaluate(@PathParam("operation") String operation, JsonObject body) {
            return handle(evaluation, caller, operation, ns, body);
        }
    }

    static Object handle(EvaluationService evaluation, Caller caller, String operation, String pathNamespace, JsonObject body) {
        Inputs.require(body);
        String ns = pathNamespace != null ? pathNamespace : JsonInput.string(body, "namespaceKey", "namespace_key");
        if (operation.equals("evaluate")) {
            EvaluationService.Request r = request(body, ns);
            NamespaceScope.require(caller.authentication().orElse(null), r.namespaceKey());
            return evaluation.legacy(r);
        }
        List<EvaluationService.Request> requests = new ArrayList<>();
        for (JsonObject o : Inputs.requests(body)) {
            String own = JsonInput.string(o, "namespaceKey", "namespace_key");
            requests.add(request(o, own == null || own.isEmpty() ? ns : own));
        }
        NamespaceScope.require(caller.authentication().orElse(null), FlagState.namespaceOrDefault(ns));
        return evaluation.legacyBatch(JsonInput.string(body, "requestId", "request_id"), ns,
                JsonInput.bool(body, "excludeNotFound", "exclude_not_found", false), requests);
    }

    private static EvaluationService.Request request(JsonObject o, String ns) {
        return new EvaluationService.Request(JsonInput.string(o, "requestId", "request_id"), ns,
                JsonInput.string(o, "flagKey", "flag_key"), JsonInput.string(o, "entityId", "entity_id"),
                JsonInput.stringMap(o, "context", "context"));
    }
}
