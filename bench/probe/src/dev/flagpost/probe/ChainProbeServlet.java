package dev.flagpost.probe;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.flagpost.authn.web.CallerAttribute;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String section = request.getServletPath().substring(1, request.getServletPath().indexOf('/', 1));
        // Written out, not bound: JSON-B cost 3 µs a request here (11 % of a no-auth request), work
        // that would sit on both sides of every ratio the benchmark reports and hide the chain's cost.
        var caller = CallerAttribute.of(request);
        String body = "{\"section\":\"" + section + "\",\"authenticated\":" + caller.isPresent()
                + caller.map(a -> ",\"id\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(a.id())) + "\"").orElse("")
                + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
