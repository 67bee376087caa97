package dev.flagpost.authn.api;

import dev.flagpost.app.FlagpostRuntime;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code GET /auth/v1/method}: every method, enabled or not, in Flipt's order (LDAP appended). Public. */
@Path("/auth/v1/method")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class MethodsResource {
    static final List<Method> ORDER = List.of(Method.TOKEN, Method.GITHUB, Method.OIDC, Method.KUBERNETES, Method.JWT, Method.LDAP);

    @Inject
    FlagpostRuntime runtime;

    public record MethodInfo(String method, boolean enabled, boolean sessionCompatible, Map<String, Object> metadata) {
    }

    @GET
    public Map<String, List<MethodInfo>> list() {
        AuthenticationConfig config = runtime.config().authentication();
        return Map.of("methods", ORDER.stream()
                .map(m -> new MethodInfo(m.wireName(), config.enabled(m), m.sessionCompatible(), null))
                .toList());
    }
}
