package dev.flagpost.meta;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.web.Caller;
import dev.flagpost.authn.web.CsrfGuard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /meta/config}: the configuration as Flipt's UI reads it, secrets left out
 * ({@link ConfigView}). {@code GET /meta/info}: build information and whether authentication is required, as Flipt's UI
 * reads it on start. When CSRF protection is on, the response carries the caller's
 * {@code X-CSRF-Token}, which the UI sends back on every unsafe request.
 */
@Guarded(Section.OTHER)
@Path("/meta")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class MetaResource {
    private static final Properties BUILD = load();

    @Inject
    AuthenticationConfig authConfig;

    @Inject
    CsrfGuard csrf;

    @Inject
    Caller caller;

    @GET
    @Path("config")
    public Response config() {
        return Response.ok(ConfigView.of(authConfig)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("info")
    public Response info() {
        Map<String, Object> body = new LinkedHashMap<>();
        String version = BUILD.getProperty("version", "dev");
        body.put("version", version);
        body.put("buildDate", BUILD.getProperty("buildDate", ""));
        body.put("isRelease", !version.endsWith("-SNAPSHOT") && !version.equals("dev"));
        body.put("authentication", Map.of("required", authConfig.required()));
        Response.ResponseBuilder r = Response.ok(body).header("Cache-Control", "no-store");
        caller.authentication().ifPresent(a -> {
            if (csrf.enabled()) {
                r.header(CsrfGuard.HEADER, csrf.tokenFor(a.id()));
            }
        });
        return r.build();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = MetaResource.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Build info is cosmetic; the route still answers.
        }
        return p;
    }
}
