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
        return evaluation.variant(scoped(caller(http), required(request)));
    }

    @POST
    @Path("boolean")
    public EvaluationService.BooleanResponse bool(EvaluationService.Request request, @Context HttpServletRequest http) {
        return evaluation.bool(scoped(caller(http), required(request)));
    }

    @POST
    @Path("batch")
    public EvaluationService.BatchResponse batch(EvaluationBodyReader.Batch batch, @Context HttpServletRequest http) {
        Authentication caller = caller(http);
        List<EvaluationService.Request> requests = required(batch).requests();
        for (EvaluationService.Request r : requests) {
            scoped(caller, r);
        }
        NamespaceScope.requireBatch(caller, requests.stream().map(EvaluationService.Request::namespaceKey).toList());
        return evaluation.batch(batch.requestId(), requests);
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
    private static Authentication caller(HttpServletRequest http) {
        return CallerAttribute.of(http).orElse(null);
    }

    private static EvaluationService.Request scoped(Authentication caller, EvaluationService.Request r) {
        NamespaceScope.require(caller, r.namespaceKey());
        return r;
    }
}
