package dev.flagpost.flags.api;

import dev.flagpost.flags.evaluation.EvaluationService.BatchItem;
import dev.flagpost.flags.evaluation.EvaluationService.BatchResponse;
import dev.flagpost.flags.evaluation.EvaluationService.BooleanResponse;
import dev.flagpost.flags.evaluation.EvaluationService.ErrorResponse;
import dev.flagpost.flags.evaluation.EvaluationService.VariantResponse;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code /evaluate/v1} answers straight to a JSON generator, field by field, in exactly the
 * form JSON-B (Yasson) writes them — property order, nulls left out, ISO instants — which
 * {@code EvaluationJsonWriterTest} checks byte for byte. Why: on the hottest route, JSON-B's
 * per-object work (its serializer chain and its cycle check, which hashes every record deeply)
 * took a fifth of a batch request's CPU in a JFR profile.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationJsonWriter implements MessageBodyWriter<Object> {
    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BooleanResponse.class || type == VariantResponse.class || type == BatchResponse.class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        // The runtime owns the stream; closing the generator (which returns its buffer) must not close it.
        try (JsonGenerator g = JSON.createGenerator(new FilterOutputStream(entityStream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, StandardCharsets.UTF_8)) {
            write(g, value);
        }
    }

    /** Visible for the test that compares with JSON-B. */
    static void write(JsonGenerator g, Object value) {
        if (value instanceof BooleanResponse b) {
            bool(g, null, b);
        } else if (value instanceof VariantResponse v) {
            variant(g, null, v);
        } else {
            batch(g, (BatchResponse) value);
        }
    }

    // Orders: the records' @JsonbPropertyOrder; records without one are lexicographical (JSON-B's default).

    private static void bool(JsonGenerator g, String name, BooleanResponse b) {
        start(g, name);
        g.write("enabled", b.enabled());
        string(g, "reason", b.reason());
        string(g, "requestId", b.requestId());
        g.write("requestDurationMillis", b.requestDurationMillis());
        instant(g, "timestamp", b.timestamp());
        string(g, "flagKey", b.flagKey());
        strings(g, "segmentKeys", b.segmentKeys());
        g.writeEnd();
    }

    private static void variant(JsonGenerator g, String name, VariantResponse v) {
        start(g, name);
        g.write("match", v.match());
        strings(g, "segmentKeys", v.segmentKeys());
        string(g, "reason", v.reason());
        string(g, "variantKey", v.variantKey());
        string(g, "variantAttachment", v.variantAttachment());
        string(g, "requestId", v.requestId());
        g.write("requestDurationMillis", v.requestDurationMillis());
        instant(g, "timestamp", v.timestamp());
        string(g, "flagKey", v.flagKey());
        g.writeEnd();
    }

    private static void error(JsonGenerator g, ErrorResponse e) {
        g.writeStartObject("errorResponse");
        string(g, "flagKey", e.flagKey());
        string(g, "namespaceKey", e.namespaceKey());
        string(g, "reason", e.reason());
        g.writeEnd();
    }

    private static void batch(JsonGenerator g, BatchResponse r) {
        g.writeStartObject();
        g.write("requestDurationMillis", r.requestDurationMillis());
        string(g, "requestId", r.requestId());
        if (r.responses() != null) {
            g.writeStartArray("responses");
            for (BatchItem item : r.responses()) {
                g.writeStartObject();
                string(g, "type", item.type());
                if (item.booleanResponse() != null) {
                    bool(g, "booleanResponse", item.booleanResponse());
                }
                if (item.variantResponse() != null) {
                    variant(g, "variantResponse", item.variantResponse());
                }
                if (item.errorResponse() != null) {
                    error(g, item.errorResponse());
                }
                g.writeEnd();
            }
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void start(JsonGenerator g, String name) {
        if (name == null) {
            g.writeStartObject();
        } else {
            g.writeStartObject(name);
        }
    }

    private static void string(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) {
        if (value != null) {
            g.write(name, DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        if (values != null) {
            g.writeStartArray(name);
            for (String s : values) {
                if (s == null) {
                    g.writeNull();
                } else {
                    g.write(s);
                }
            }
            g.writeEnd();
        }
    }
}
