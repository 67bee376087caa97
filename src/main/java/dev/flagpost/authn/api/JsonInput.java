package dev.flagpost.authn.api;

import dev.flagpost.api.FliptException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads request fields the way Flipt's gateway does: camelCase or snake_case, wrong types are 400s. */
public final class JsonInput {
    private JsonInput() {
    }

    /** A JSON object from an optional request body; blank is no object. */
    public static JsonObject optionalObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw FliptException.invalidArgument("request body is not a JSON object");
        }
    }

    private static JsonValue field(JsonObject body, String camel, String snake) {
        if (body == null) {
            return null;
        }
        JsonValue v = body.get(camel);
        return v != null ? v : body.get(snake);
    }

    public static String string(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw FliptException.invalidArgument(camel + " must be a string");
        }
        return s.getString();
    }

    public static Map<String, String> stringMap(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(v instanceof JsonObject o)) {
            throw FliptException.invalidArgument(camel + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        o.forEach((k, value) -> {
            if (!(value instanceof JsonString s)) {
                throw FliptException.invalidArgument(camel + "." + k + " must be a string");
            }
            out.put(k, s.getString());
        });
        return out;
    }

    public static Instant timestamp(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw FliptException.invalidArgument(name + " is not an RFC 3339 timestamp (e.g. 2030-01-31T12:00:00Z)");
        }
    }
}
