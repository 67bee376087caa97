package dev.flagpost.authn.web;

import dev.flagpost.authn.gate.Gate;
import dev.flagpost.api.Code;
import dev.flagpost.api.ErrorBody;
import dev.flagpost.api.OfrepErrors;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second, independent layer on HTTP: after JAX-RS has matched a resource, that resource's own
 * {@link Guarded} declaration is checked against the caller the gate attached. If the gate's route
 * table ever sends a request the wrong way, the resource still refuses to run without the caller
 * its section needs, or for a scoped caller outside its namespace.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class GuardedResourceFilter implements ContainerRequestFilter {
    private final Map<Class<?>, Optional<Guarded>> declarations = new ConcurrentHashMap<>();

    @Inject
    Gate gate;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        Class<?> type = resource.getResourceClass();
        if (type == null) {
            return; // no resource matched: JAX-RS answers 404 itself
        }
        Guarded guarded = declarations.computeIfAbsent(type, t -> Optional.ofNullable(t.getAnnotation(Guarded.class))).orElse(null);
        Section section = guarded == null ? Section.AUTH : guarded.value();
        if (section == Section.PUBLIC) {
            return;
        }
        Authentication caller = CallerAttribute.of(request).orElse(null);
        if (caller == null) {
            if (gate.access().needsCaller(section)) {
                context.abortWith(refusal(FliptException.unauthenticated(), section));
            }
            return;
        }
        if (caller.namespace() != null && !(guarded != null && guarded.namespaceInRequest())) {
            String ns = guarded == null || guarded.namespaceParam().isEmpty() ? null
                    : context.getUriInfo().getPathParameters().getFirst(guarded.namespaceParam());
            if (!caller.namespace().equals(ns)) {
                context.abortWith(refusal(NamespaceScope.denied(caller.namespace(), ns == null ? "this API" : "namespace \"" + ns + "\""), section));
            }
        }
    }

    private static Response refusal(FliptException e, Section section) {
        Response.ResponseBuilder r = Response.status(e.code().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(section == Section.OFREP ? OfrepErrors.json(e.code(), e.getMessage()) : ErrorBody.of(e.code(), e.getMessage()).toJson());
        if (e.code() == Code.UNAUTHENTICATED) {
            r.header("WWW-Authenticate", "Bearer realm=\"flagpost\"");
        }
        return r.build();
    }
}
