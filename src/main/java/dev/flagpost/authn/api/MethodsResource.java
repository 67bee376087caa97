package dev.flagpost.authn.api;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.MethodListing;
import dev.flagpost.authn.method.AuthMethods;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.flagpost.authn.web.ForwardedPrefix;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /auth/v1/method}: every method, enabled or not, in Flipt's order (LDAP appended). Public. */
@Guarded(Section.PUBLIC)
@Path("/auth/v1/method")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class MethodsResource {
    @Inject
    AuthenticationConfig authConfig;

    @Inject
    AuthMethods methods;

    public record MethodInfo(String method, boolean enabled, boolean sessionCompatible, Map<String, Object> metadata) {
    }

    @GET
    public Map<String, List<MethodInfo>> list(@HeaderParam(ForwardedPrefix.HEADER) String forwardedPrefix) {
        String prefix = ForwardedPrefix.of(forwardedPrefix);
        return Map.of("methods", MethodListing.of(authConfig, m -> methods.listingMetadata(m, prefix)).stream()
                .map(e -> new MethodInfo(e.method().wireName(), e.enabled(), e.sessionCompatible(),
                        e.metadata().isEmpty() ? null : e.metadata()))
                .toList());
    }
}
