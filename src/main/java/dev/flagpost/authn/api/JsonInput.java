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

    /** A string, or a number/boolean given as such (enums may come as numbers). */
    public static String scalar(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v.getValueType() == JsonValue.ValueType.NUMBER || v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v.toString();
        }
        throw FliptException.invalidArgument(camel + " must be a string or a number");
    }

    public static boolean bool(JsonObject body, String camel, String snake, boolean fallback) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw FliptException.invalidArgument(camel + " must be true or false");
    }

    public static Double number(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof jakarta.json.JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Double.parseDouble(s.getString());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw FliptException.invalidArgument(camel + " must be a number");
    }

    public static java.util.List<String> stringList(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return java.util.List.of();
        }
        if (!(v instanceof jakarta.json.JsonArray a)) {
            throw FliptException.invalidArgument(camel + " must be a list of strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonValue item : a) {
            if (!(item instanceof JsonString s)) {
                throw FliptException.invalidArgument(camel + " must be a list of strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    public static JsonObject object(JsonObject body, String camel, String snake) {
        JsonValue v = field(body, camel, snake);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw FliptException.invalidArgument(camel + " must be an object");
        }
        return o;
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

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** RFC 3339 and protobuf timestamps have four-digit years, and so do both databases' timestamp columns. */
    public static Instant inRange(Instant at, String name) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw FliptException.invalidArgument(name + " must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return at;
    }

    public static Instant timestamp(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw FliptException.invalidArgument(name + " is not an RFC 3339 timestamp (e.g. 2030-01-31T12:00:00Z)");
        }
        return inRange(at, name);
    }
}
