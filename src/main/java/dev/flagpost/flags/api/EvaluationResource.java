package dev.flagpost.flags.api;

import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.api.JsonInput;
import dev.flagpost.authn.web.Caller;
import dev.flagpost.flags.evaluation.EvaluationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Flipt's {@code /evaluate/v1}: variant, boolean and batch evaluation. One instance for the
 * application (it keeps no request state; {@link Caller} is a request-scoped proxy), so the hottest
 * route does not build and inject a resource per request.
 */
@Guarded(value = Section.EVALUATION, namespaceInRequest = true)
@Path("/evaluate/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class EvaluationResource {
    @Inject
    EvaluationService evaluation;

    @Inject
    Caller caller;

    @POST
    @Path("variant")
    public EvaluationService.VariantResponse variant(JsonObject body) {
        return evaluation.variant(scoped(parse(body)));
    }

    @POST
    @Path("boolean")
    public EvaluationService.BooleanResponse bool(JsonObject body) {
        return evaluation.bool(scoped(parse(body)));
    }

    @POST
    @Path("batch")
    public EvaluationService.BatchResponse batch(JsonObject body) {
        List<EvaluationService.Request> requests = new ArrayList<>();
        for (JsonObject o : Inputs.requests(body)) {
            requests.add(scoped(parse(o)));
        }
        NamespaceScope.requireBatch(caller.authentication().orElse(null), requests.stream().map(EvaluationService.Request::namespaceKey).toList());
        return evaluation.batch(JsonInput.string(body, "requestId", "request_id"), requests);
    }

    private EvaluationService.Request scoped(EvaluationService.Request r) {
        NamespaceScope.require(caller.authentication().orElse(null), r.namespaceKey());
        return r;
    }

    private static EvaluationService.Request parse(JsonObject body) {
        Inputs.require(body);
        return new EvaluationService.Request(JsonInput.string(body, "requestId", "request_id"),
                JsonInput.string(body, "namespaceKey", "namespace_key"), JsonInput.string(body, "flagKey", "flag_key"),
                JsonInput.string(body, "entityId", "entity_id"), JsonInput.stringMap(body, "context", "context"));
    }
}
