package dev.flagpost.flags.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Flipt's Go SDK sends {@code /api/v1/namespaces//flags} for an empty namespace key, and Flipt
 * reads the empty segment as {@code default}: so does Flagpost, before matching. (The gate's route
 * table reads it the same way, so the scope check and the resource agree.)
 */
@Provider
@PreMatching
@Priority(100)
public class EmptyNamespaceFilter implements ContainerRequestFilter {
    private static final String EMPTY = "/api/v1/namespaces//";

    @Override
    public void filter(ContainerRequestContext context) {
        URI uri = context.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.startsWith(EMPTY)) {
            String fixed = "/api/v1/namespaces/default/" + path.substring(EMPTY.length());
            context.setRequestUri(UriBuilder.fromUri(uri).replacePath(fixed).build());
        }
    }
}
