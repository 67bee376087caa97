package dev.flagpost.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads every request body as Flipt's gateway does: JSON whatever the Content-Type says (Flipt's
 * Node SDK sends {@code text/plain}), bounded in size and depth, an object where an object is
 * expected. Anything else is 400 INVALID_ARGUMENT with the reason, never a 415 or a 500.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class JsonBodyReader implements MessageBodyReader<JsonObject> {
    /** The same cap as gRPC messages (server.xml {@code maxInboundMessageSize}). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_DEPTH = 32;
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of(
            "org.eclipse.parsson.maxDepth", MAX_DEPTH,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = bytes(entityStream);
        if (body == null) {
            return null; // resources that need a body say so
        }
        return object(body);
    }

    /** A non-blank body as a JSON object, else 400 with the reason. */
    public static JsonObject object(byte[] body) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            // JsonException for syntax and duplicate keys; Parsson's depth limit throws a bare
            // RuntimeException. Their messages name positions and limits, no classes.
            throw FliptException.invalidArgument("the request body is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonObject object)) {
            throw FliptException.invalidArgument("the request body must be a JSON object, not " + value.getValueType().name().toLowerCase());
        }
        return object;
    }

    /** The body's bytes, at most {@link #MAX_BODY_BYTES} (else 400); null when it is only whitespace. */
    public static byte[] bytes(InputStream entityStream) throws IOException {
        byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw FliptException.invalidArgument("the request body must be at most " + MAX_BODY_BYTES + " bytes (1 MiB)");
        }
        return blank(body) ? null : body;
    }

    /** Only JSON whitespace (or nothing): checked on the bytes, without decoding the body twice. */
    public static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
