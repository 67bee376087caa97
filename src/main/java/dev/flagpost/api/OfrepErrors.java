package dev.flagpost.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OFREP's error body, {@code {"key"?, "errorCode", "errorDetails"}}, with Flipt's mapping:
 * INVALID_ARGUMENT → 400 INVALID_CONTEXT, NOT_FOUND → 404 FLAG_NOT_FOUND, anything else GENERAL
 * with its own status (401, 403, 503).
 */
public final class OfrepErrors {
    private static final Jsonb JSON = JsonbBuilder.create();

    private OfrepErrors() {
    }

    public static String json(Code code, String message) {
        return JSON.toJson(body(code, message, null));
    }

    public static Map<String, Object> body(String key, String errorCode, String details) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (key != null) {
            out.put("key", key);
        }
        out.put("errorCode", errorCode);
        out.put("errorDetails", details);
        return out;
    }

    /** The error the gate or a resource raised, as an OFREP client reads it. */
    public static Map<String, Object> body(Code code, String message, String key) {
        String errorCode = switch (code) {
            case INVALID_ARGUMENT -> "INVALID_CONTEXT";
            case NOT_FOUND -> "FLAG_NOT_FOUND";
            default -> "GENERAL";
        };
        return body(key, errorCode, message);
    }

    public static Response of(FliptException e, String key) {
        return Response.status(e.code().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body(e.code(), e.getMessage(), key)).build();
    }

    public static Response response(int status, String key, String errorCode, String details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(key, errorCode, details)).build();
    }
}
