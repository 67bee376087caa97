package dev.flagpost.flags.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.flags.evaluation.EvaluationService.BatchItem;
import dev.flagpost.flags.evaluation.EvaluationService.BatchResponse;
import dev.flagpost.flags.evaluation.EvaluationService.BooleanResponse;
import dev.flagpost.flags.evaluation.EvaluationService.ErrorResponse;
import dev.flagpost.flags.evaluation.EvaluationService.VariantResponse;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The streaming writer must say byte for byte what JSON-B (Yasson, as Liberty's jsonb-3.0) says. */
class EvaluationJsonWriterTest {
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Instant AT = Instant.parse("2026-12-02T13:04:05.123456789Z");

    static Stream<Object> answers() {
        BooleanResponse b = new BooleanResponse(true, "MATCH_EVALUATION_REASON", "req-1", 0.1234, AT, "flag", List.of("a", "b"));
        BooleanResponse sparse = new BooleanResponse(false, null, null, 0, null, null, null);
        VariantResponse v = new VariantResponse(true, List.of("seg"), "MATCH_EVALUATION_REASON", "red",
                "{\"hex\":\"#f00\",\"note\":\"ünïcode \\\" \\u2028 </script>\"}", "req-2", 12.5, Instant.parse("2026-01-01T00:00:00Z"), "colour");
        VariantResponse empty = new VariantResponse(false, List.of(), "DEFAULT_EVALUATION_REASON", "", "", "r", 1.0E-4, AT, "k\tey\n");
        ErrorResponse e = new ErrorResponse("missing", "default", "NOT_FOUND_ERROR_REASON");
        BatchResponse batch = new BatchResponse("batch-1", List.of(new BatchItem("BOOLEAN_EVALUATION_RESPONSE_TYPE", b, null, null),
                new BatchItem("VARIANT_EVALUATION_RESPONSE_TYPE", null, v, null), new BatchItem("ERROR_EVALUATION_RESPONSE_TYPE", null, null, e),
                new BatchItem(null, sparse, empty, null)), 3.75);
        BatchResponse none = new BatchResponse(null, List.of(), 0.0);
        BatchResponse nullList = new BatchResponse("x", null, 123456789.125);
        // Strings a caller controls (request ids, flag keys in error answers, attachments): every
        // control character, quotes and backslashes, DEL, line separators, non-BMP characters.
        StringBuilder hostile = new StringBuilder("\"\\/\u007f\u2028\uD83D\uDE00 x");
        for (char c = 0; c < 0x20; c++) {
            hostile.append(c);
        }
        BooleanResponse escapes = new BooleanResponse(true, hostile.toString(), hostile.toString(), 1e21, AT, "f\u0000", List.of(hostile.toString()));
        return Stream.of(b, sparse, v, empty, batch, none, nullList, escapes,
                new BooleanResponse(true, "R", "id", Double.MIN_VALUE, Instant.EPOCH, "f", Arrays.asList("x", null)),
                new BatchResponse("e", List.of(new BatchItem("ERROR_EVALUATION_RESPONSE_TYPE", null, null,
                        new ErrorResponse(hostile.toString(), "ns\"", "NOT_FOUND_ERROR_REASON"))), 2.0E-3));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void writesExactlyWhatJsonBWrites(Object answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream jsonb = new ByteArrayOutputStream();
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        new EvaluationJsonWriter().writeTo(answer, answer.getClass(), answer.getClass(), null, MediaType.APPLICATION_JSON_TYPE, headers, out);
        JSONB.toJson(answer, jsonb);
        assertEquals(jsonb.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        assertArrayEquals(jsonb.toByteArray(), out.toByteArray());
        assertEquals(out.size(), headers.getFirst(HttpHeaders.CONTENT_LENGTH), "sent whole, with its length, not chunked");
    }

    @Test
    void loneSurrogatesAreEscapedNotReplacedByQuestionMarks() throws IOException {
        // Only a caller's "\ud800" escape can make one. JSON-B's UTF-8 encoder writes '?', which loses
        // it; the escape gives the caller back the string it sent.
        String key = "a\uD800b\uDC00";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EvaluationJsonWriter().writeTo(new BatchResponse("e", List.of(new BatchItem("ERROR_EVALUATION_RESPONSE_TYPE", null, null,
                new ErrorResponse(key, "default", "NOT_FOUND_ERROR_REASON"))), 0), BatchResponse.class, BatchResponse.class, null,
                MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"flagKey\":\"a\\ud800b\\udc00\""), out.toString(StandardCharsets.UTF_8));
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(key, r.readObject().getJsonArray("responses").getJsonObject(0).getJsonObject("errorResponse").getString("flagKey"));
        }
    }

    @Test
    void takesOnlyEvaluationAnswersAndLeavesTheStreamOpen() throws IOException {
        EvaluationJsonWriter w = new EvaluationJsonWriter();
        assertTrue(w.isWriteable(BatchResponse.class, BatchResponse.class, null, MediaType.APPLICATION_JSON_TYPE));
        assertFalse(w.isWriteable(ErrorResponse.class, ErrorResponse.class, null, MediaType.APPLICATION_JSON_TYPE));
        assertFalse(w.isWriteable(String.class, String.class, null, MediaType.APPLICATION_JSON_TYPE));
        boolean[] closed = {false};
        OutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        w.writeTo(answers().findFirst().orElseThrow(), BooleanResponse.class, BooleanResponse.class, null, MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), stream);
        assertFalse(closed[0]);
    }
}
