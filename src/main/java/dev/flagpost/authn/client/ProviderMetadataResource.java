package dev.flagpost.authn.client;

import dev.flagpost.authn.client.ProviderMetadata;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import jakarta.enterprise.context.RequestScoped;
import dev.flagpost.authn.config.AuthenticationConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /.well-known/oauth-authorization-server}: the configured provider's RFC 8414 metadata, proxied and cached (public). */
@Guarded(Section.PUBLIC)
@Path("/.well-known/oauth-authorization-server")
@RequestScoped
public class ProviderMetadataResource {
    @Inject
    AuthenticationConfig authConfig;

    /** Null when {@code authentication.client} is not configured (then the request ends above with 404). */
    @Inject
    ProviderMetadata providerMetadata;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        ClientConfigResource.requireConfigured(authConfig.client());
        return Response.ok(providerMetadata.get(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300").build();
    }
}
