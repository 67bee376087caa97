package dev.flagpost.client.cli;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.config.ServerEndpoint;
import dev.flagpost.client.http.AuthenticatedHttpClient;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Flagpost HTTP routes the CLI uses, with errors turned into messages that say what to do. */
final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ServerEndpoint server;
    private final AuthenticatedHttpClient http;

    ApiClient(ServerEndpoint server, AuthenticatedHttpClient http) {
        this.server = server;
        this.http = http;
    }

    JSONObject get(String path) {
        return send(builder(path).GET());
    }

    JSONObject post(String path, Map<String, ?> body) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObject.toJSONString(body))));
    }

    JSONObject delete(String path) {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private JSONObject send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach " + server + " (" + e.getMessage() + "); check --server / FLAGPOST_URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        int status = response.statusCode();
        JSONObject body = parse(response.body());
        if (status / 100 == 2) {
            return body == null ? new JSONObject() : body;
        }
        String message = body != null && body.get("message") instanceof String m ? m : "HTTP " + status;
        throw new ApiException(status, message + " (HTTP " + status + ")" + hint(status));
    }

    private static JSONObject parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSONObjectUtils.parse(text);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            return null;
        }
    }

    static String hint(int status) {
        return switch (status) {
            case 401 -> "; run `flagpost login` or set FLAGPOST_TOKEN to a valid client token";
            case 403 -> "; your identity is authenticated but not allowed to do this: ask a Flagpost admin";
            case 404 -> "; check the id or key, and that --server points at Flagpost";
            case 503, 502 -> "; the server or its identity provider is unavailable: try again shortly";
            default -> "";
        };
    }
}
