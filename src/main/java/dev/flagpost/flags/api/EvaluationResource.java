package dev.flagpost.flags.api;

import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.web.CallerAttribute;
import dev.flagpost.flags.evaluation.EvaluationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Flipt's {@code /evaluate/v1}: variant, boolean and batch evaluation. One instance for the
 * application (it keeps no request state: the caller comes with each call), so the hottest route
 * does not build and inject a resource per request.
 */
@Guarded(value = Section.EVALUATION, namespaceInRequest = true)
@Path("/evaluate/v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class EvaluationResource {
    @Inject
    EvaluationService evaluation;

    @POST
    @Path("variant")
    public EvaluationService.VariantResponse variant(EvaluationService.Request request, @Context HttpServletRequest http) {
        return (EvaluationService.VariantResponse) answer(evaluation, "variant", caller(http), required(request));
    }

    @POST
    @Path("boolean")
    public EvaluationService.BooleanResponse bool(EvaluationService.Request request, @Context HttpServletRequest http) {
        return (EvaluationService.BooleanResponse) answer(evaluation, "boolean", caller(http), required(request));
    }

    @POST
    @Path("batch")
    public EvaluationService.BatchResponse batch(EvaluationBodyReader.Batch batch, @Context HttpServletRequest http) {
        return (EvaluationService.BatchResponse) answer(evaluation, "batch", caller(http), required(batch));
    }

    /**
     * One evaluation call after its body was read: the namespace checks of a scoped caller, then the
     * evaluation. Shared with {@link EvaluationFastPath}, which must decide exactly as this resource.
     *
     * @param body an {@link EvaluationService.Request}, or a {@link EvaluationBodyReader.Batch} for "batch"
     */
    static Object answer(EvaluationService evaluation, String operation, Authentication caller, Object body) {
        if (body instanceof EvaluationBodyReader.Batch batch) {
            List<EvaluationService.Request> requests = batch.requests();
            for (EvaluationService.Request r : requests) {
                NamespaceScope.require(caller, r.namespaceKey());
            }
            NamespaceScope.requireBatch(caller, requests.stream().map(EvaluationService.Request::namespaceKey).toList());
            return evaluation.batch(batch.requestId(), requests);
        }
        EvaluationService.Request r = (EvaluationService.Request) body;
        NamespaceScope.require(caller, r.namespaceKey());
        return "variant".equals(operation) ? evaluation.variant(r) : evaluation.bool(r);
    }

    /** Bodies are read by {@link EvaluationBodyReader}; an empty one may not reach it. */
    private static <T> T required(T body) {
        if (body == null) {
            throw FliptException.invalidArgument("a JSON request body is required");
        }
        return body;
    }

    // Read from the request once, not through the request-scoped Caller bean: on the hottest route,
    // creating that bean and calling through its proxy per evaluation was measurable (async-profiler).
    /** The caller the gate attached, or null on an excluded section; the fast path reads it the same way. */
    static Authentication caller(HttpServletRequest http) {
        return CallerAttribute.of(http).orElse(null);
    }
}
