package dev.flagpost.authn.client;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.api.FliptException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /auth/v1/client-config}: what Flagpost's clients need to log in (public). */
@Guarded(Section.PUBLIC)
@Path("/auth/v1/client-config")
@RequestScoped
public class ClientConfigResource {
    @Inject
    AuthenticationConfig authConfig;

    @JsonbPropertyOrder({"clientId", "redirectUri", "scopes", "audience", "authorizationMetadataKey", "issuer"})
    public record ClientConfigJson(String clientId, String redirectUri, List<String> scopes, String audience,
                                   String authorizationMetadataKey, String issuer) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ClientConfigJson clientConfig() {
        ClientAuthConfig c = requireConfigured(authConfig.client());
        return new ClientConfigJson(c.clientId(), c.redirectUri(), c.scopes(), c.audience(), c.authorizationMetadataKey(), c.issuer());
    }

    /** NOT_FOUND (404 / gRPC code 5) with one message for both transports when nothing is configured. */
    public static ClientAuthConfig requireConfigured(ClientAuthConfig c) {
        if (!c.configured()) {
            throw FliptException.notFound("no client configuration: set authentication.client.issuer and client_id");
        }
        return c;
    }
}
