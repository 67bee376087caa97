package dev.flagpost.probe;

import dev.flagpost.authn.web.CallerAttribute;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trivial endpoint in each API section ({@code /api/v1/_probe}, {@code /evaluate/v1/_probe},
 * {@code /internal/v1/_probe}, {@code /ofrep/v1/_probe}) that shows whether the chain let the
 * request through and as whom. The benchmark uses it as the baseline for the chain's own cost,
 * so it does nothing else (a servlet, not JAX-RS, so that it costs as little as possible).
 *
 * <p>Never in the production WAR: {@code mvn -Pbench package} builds a jar with it
 * ({@code target/bench/flagpost.jar}, for bench/*.sh), and the integration tests add it to a copy of
 * the runnable jar ({@code dev.flagpost.it.ProbeJar}).
 */
@WebServlet(urlPatterns = {"/api/v1/_probe", "/evaluate/v1/_probe", "/internal/v1/_probe", "/ofrep/v1/_probe"})
public class ChainProbeServlet extends HttpServlet {
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String section = request.getServletPath().substring(1, request.getServletPath().indexOf('/', 1));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("section", section);
        out.put("authenticated", CallerAttribute.of(request).isPresent());
        CallerAttribute.of(request).ifPresent(a -> out.put("id", a.id()));
        String body = JSON.toJson(out);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
