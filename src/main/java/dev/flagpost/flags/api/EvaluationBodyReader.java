package dev.flagpost.flags.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.flagpost.api.FliptException;
import dev.flagpost.api.JsonBodyReader;
import dev.flagpost.authn.api.JsonInput;
import dev.flagpost.flags.evaluation.EvaluationService.Request;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code /evaluate/v1} bodies with a streaming parser (Jackson's) straight into evaluation
 * requests, with the answers {@link JsonBodyReader} and the tree accessors give every other route:
 * the same size and depth limits, duplicate keys refused, camelCase before snake_case, the same
 * messages for wrong types. Why: building a JSON-P tree and reading it back took a tenth of a batch
 * request's CPU (async-profiler). {@code EvaluationBodyReaderTest} runs both readers over the same
 * bodies and compares.
 *
 * <p>Type errors are kept until the whole body has parsed, so that malformed JSON is reported as
 * such whatever it holds; a body the streaming parser does not accept goes to the tree reader,
 * which gives the error (or, for invalid UTF-8, which it replaces as Flipt does, the answer).
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class EvaluationBodyReader implements MessageBodyReader<Object> {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Parsson counts the levels so that MAX_DEPTH of them are already too many.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonBodyReader.MAX_DEPTH - 1).build())
            .build();

    /** A batch body: its own request id and its evaluations. */
    public record Batch(String requestId, List<Request> requests) {
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Request.class || type == Batch.class;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = JsonBodyReader.bytes(entityStream);
        if (body == null) {
            throw FliptException.invalidArgument("a JSON request body is required");
        }
        return read(body, Batch.class.equals(type));
    }

    /** For {@link EvaluationFastPath}: null for a blank body (the resource says what is missing). */
    static Object readOrNull(byte[] body, boolean batch) {
        return JsonBodyReader.blank(body) ? null : read(body, batch);
    }

    static Object read(byte[] body, boolean batch) {
        Object fast = streamed(body, batch);
        if (fast == null) {
            return tree(JsonBodyReader.object(body), batch);
        }
        return batch ? ((BatchFields) fast).resolve() : ((Fields) fast).request();
    }

    /**
     * The fields of a well-formed body whose top level is an object; null for anything else
     * (malformed, too deep, duplicate keys, not UTF-8, trailing content), which the tree reader
     * then reports with its own message, or reads where it is more lenient, so that both readers
     * agree on every body.
     */
    static Object streamed(byte[] body, boolean batch) {
        if (body[0] == 0 || body.length > 1 && body[1] == 0 || body[0] == (byte) 0xEF) {
            return null; // Jackson would take it for UTF-16 or UTF-32, or skip a byte-order mark the tree reader refuses
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object fields = batch ? batch(p) : fields(p);
            return p.nextToken() == null ? fields : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What the resource did with a JSON-P tree before this reader: the reference for the fast path. */
    static Object tree(JsonObject body, boolean batch) {
        if (!batch) {
            return request(body);
        }
        if (!(body.get("requests") instanceof JsonArray array)) {
            throw FliptException.invalidArgument("requests must be a list of evaluation requests");
        }
        List<JsonObject> items = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject o)) {
                throw FliptException.invalidArgument("requests must be a list of evaluation requests");
            }
            items.add(o);
        }
        List<Request> requests = new ArrayList<>(items.size());
        for (JsonObject o : items) {
            requests.add(request(o));
        }
        return new Batch(JsonInput.string(body, "requestId", "request_id"), requests);
    }

    private static Request request(JsonObject o) {
        return new Request(JsonInput.string(o, "requestId", "request_id"), JsonInput.string(o, "namespaceKey", "namespace_key"),
                JsonInput.string(o, "flagKey", "flag_key"), JsonInput.string(o, "entityId", "entity_id"),
                JsonInput.stringMap(o, "context", "context"));
    }

    /** Marks a value of the wrong JSON type; the message is given when (and if) the field is used. */
    private static final Object WRONG = new Object();
    /** A key that did not occur (a JSON null is kept as null: it still hides the snake_case twin). */
    private static final Object ABSENT = new Object();

    /** One evaluation object's fields as found, resolved by {@link #request()}. */
    private static final class Fields {
        // requestId, namespaceKey, flagKey, entityId: [camelCase, snake_case]
        final Object[][] strings = {{ABSENT, ABSENT}, {ABSENT, ABSENT}, {ABSENT, ABSENT}, {ABSENT, ABSENT}};
        Object context = ABSENT;

        Request request() {
            return new Request(string(0, "requestId"), string(1, "namespaceKey"), string(2, "flagKey"), string(3, "entityId"),
                    context());
        }

        String string(int slot, String camel) {
            Object v = strings[slot][0] != ABSENT ? strings[slot][0] : strings[slot][1];
            if (v == WRONG) {
                throw FliptException.invalidArgument(camel + " must be a string");
            }
            return v == ABSENT ? null : (String) v;
        }

        @SuppressWarnings("unchecked")
        Map<String, String> context() {
            if (context == ABSENT || context == null) {
                return Map.of();
            }
            if (context == WRONG) {
                throw FliptException.invalidArgument("context must be an object of strings");
            }
            Map<String, Object> raw = (Map<String, Object>) context;
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                if (e.getValue() == WRONG) {
                    throw FliptException.invalidArgument("context." + e.getKey() + " must be a string");
                }
            }
            return (Map<String, String>) (Map<String, ?>) raw;
        }
    }

    /** A batch body's fields as found: {@code requests} is WRONG unless a list of objects. */
    private record BatchFields(Object requestId, Object requestIdSnake, Object requests) {
        @SuppressWarnings("unchecked")
        Batch resolve() {
            if (!(requests instanceof List<?> list)) {
                throw FliptException.invalidArgument("requests must be a list of evaluation requests");
            }
            List<Request> out = new ArrayList<>(list.size());
            for (Fields f : (List<Fields>) list) {
                out.add(f.request());
            }
            Fields id = new Fields();
            id.strings[0][0] = requestId;
            id.strings[0][1] = requestIdSnake;
            return new Batch(id.string(0, "requestId"), out);
        }
    }

    /** At START_OBJECT of one evaluation: reads to its END_OBJECT. */
    private static Fields fields(JsonParser p) throws IOException {
        Fields f = new Fields();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "requestId" -> f.strings[0][0] = string(p, t);
                case "request_id" -> f.strings[0][1] = string(p, t);
                case "namespaceKey" -> f.strings[1][0] = string(p, t);
                case "namespace_key" -> f.strings[1][1] = string(p, t);
                case "flagKey" -> f.strings[2][0] = string(p, t);
                case "flag_key" -> f.strings[2][1] = string(p, t);
                case "entityId" -> f.strings[3][0] = string(p, t);
                case "entity_id" -> f.strings[3][1] = string(p, t);
                case "context" -> f.context = context(p, t);
                default -> p.skipChildren();
            }
        }
        return f;
    }

    private static BatchFields batch(JsonParser p) throws IOException {
        Object id = ABSENT;
        Object idSnake = ABSENT;
        Object requests = WRONG;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "requestId" -> id = string(p, t);
                case "request_id" -> idSnake = string(p, t);
                case "requests" -> requests = requests(p, t);
                default -> p.skipChildren();
            }
        }
        return new BatchFields(id, idSnake, requests);
    }

    private static Object requests(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return WRONG;
        }
        List<Fields> out = new ArrayList<>();
        boolean allObjects = true;
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
            if (item == JsonToken.START_OBJECT) {
                out.add(fields(p));
            } else {
                p.skipChildren();
                allObjects = false;
            }
        }
        return allObjects ? out : WRONG;
    }

    private static Object string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        return WRONG;
    }

    private static Object context(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return WRONG;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
                out.put(name, p.getText());
            } else {
                p.skipChildren();
                out.put(name, WRONG);
            }
        }
        return out;
    }
}
