package dev.flagpost.authn.client;

import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.app.FlagpostRuntime;
import jakarta.enterprise.context.RequestScoped;
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
    FlagpostRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        ClientConfigResource.configured(runtime);
        return Response.ok(runtime.providerMetadata().get(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300").build();
    }
}
