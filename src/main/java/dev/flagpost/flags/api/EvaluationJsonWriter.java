package dev.flagpost.flags.api;

import dev.flagpost.flags.evaluation.EvaluationService.BatchItem;
import dev.flagpost.flags.evaluation.EvaluationService.BatchResponse;
import dev.flagpost.flags.evaluation.EvaluationService.BooleanResponse;
import dev.flagpost.flags.evaluation.EvaluationService.ErrorResponse;
import dev.flagpost.flags.evaluation.EvaluationService.VariantResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code /evaluate/v1} answers straight to a streaming JSON generator (Jackson's, bytes in
 * UTF-8), field by field, in exactly the form JSON-B (Yasson) writes them — property order, nulls
 * left out, ISO instants, escapes — which {@code EvaluationJsonWriterTest} checks byte for byte (one
 * deliberate difference: a lone surrogate, which only a caller's {@code \ud800} escape can make, is
 * sent back escaped where JSON-B writes {@code ?}).
 * Why: on the hottest route, JSON-B's per-object work (its serializer chain and a cycle check that
 * hashes every record deeply), then Parsson's char-by-char generator behind a Writer, took a fifth
 * of a batch request's CPU (async-profiler).
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationJsonWriter implements MessageBodyWriter<Object> {
    // Parsson (JSON-B's generator) writes \u001f, not \u001F; the rest of Jackson's defaults match.
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BooleanResponse.class || type == VariantResponse.class || type == BatchResponse.class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        // Written whole, then sent with a Content-Length: flushing the runtime's stream instead sent the
        // headers early and made every answer chunked (an eighth of a batch request's CPU went there).
        ByteArrayOutputStream json = json(value);
        httpHeaders.putSingle(HttpHeaders.CONTENT_LENGTH, json.size());
        json.writeTo(entityStream);
    }

    /** An evaluation answer's JSON, whole. */
    static ByteArrayOutputStream json(Object value) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(json, JsonEncoding.UTF8)) {
            write(g, value);
        }
        return json;
    }

    /** Visible for the test that compares with JSON-B. */
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof BooleanResponse b) {
            bool(g, null, b);
        } else if (value instanceof VariantResponse v) {
            variant(g, null, v);
        } else {
            batch(g, (BatchResponse) value);
        }
    }

    // Orders: the records' @JsonbPropertyOrder; records without one are lexicographical (JSON-B's default).

    private static void bool(JsonGenerator g, String name, BooleanResponse b) throws IOException {
        start(g, name);
        g.writeBooleanField("enabled", b.enabled());
        string(g, "reason", b.reason());
        string(g, "requestId", b.requestId());
        g.writeNumberField("requestDurationMillis", b.requestDurationMillis());
        instant(g, "timestamp", b.timestamp());
        string(g, "flagKey", b.flagKey());
        strings(g, "segmentKeys", b.segmentKeys());
        g.writeEndObject();
    }

    private static void variant(JsonGenerator g, String name, VariantResponse v) throws IOException {
        start(g, name);
        g.writeBooleanField("match", v.match());
        strings(g, "segmentKeys", v.segmentKeys());
        string(g, "reason", v.reason());
        string(g, "variantKey", v.variantKey());
        string(g, "variantAttachment", v.variantAttachment());
        string(g, "requestId", v.requestId());
        g.writeNumberField("requestDurationMillis", v.requestDurationMillis());
        instant(g, "timestamp", v.timestamp());
        string(g, "flagKey", v.flagKey());
        g.writeEndObject();
    }

    private static void error(JsonGenerator g, ErrorResponse e) throws IOException {
        g.writeObjectFieldStart("errorResponse");
        string(g, "flagKey", e.flagKey());
        string(g, "namespaceKey", e.namespaceKey());
        string(g, "reason", e.reason());
        g.writeEndObject();
    }

    private static void batch(JsonGenerator g, BatchResponse r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("requestDurationMillis", r.requestDurationMillis());
        string(g, "requestId", r.requestId());
        if (r.responses() != null) {
            g.writeArrayFieldStart("responses");
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
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void start(JsonGenerator g, String name) throws IOException {
        if (name == null) {
            g.writeStartObject();
        } else {
            g.writeObjectFieldStart(name);
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, InstantText.format(value));
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String s : values) {
                g.writeString(s); // null is written as null
            }
            g.writeEndArray();
        }
    }
}
