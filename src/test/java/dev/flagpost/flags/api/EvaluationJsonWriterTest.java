package dev.flagpost.flags.api;

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
import jakarta.ws.rs.core.MediaType;
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

/** The hand-written writer must say byte for byte what JSON-B (Yasson, as Liberty's jsonb-3.0) says. */
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
        return Stream.of(b, sparse, v, empty, batch, none, nullList,
                new BooleanResponse(true, "R", "id", Double.MIN_VALUE, Instant.EPOCH, "f", Arrays.asList("x", null)));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void writesExactlyWhatJsonBWrites(Object answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EvaluationJsonWriter().writeTo(answer, answer.getClass(), answer.getClass(), null, MediaType.APPLICATION_JSON_TYPE, null, out);
        assertEquals(JSONB.toJson(answer), out.toString(StandardCharsets.UTF_8));
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
        w.writeTo(answers().findFirst().orElseThrow(), BooleanResponse.class, BooleanResponse.class, null, MediaType.APPLICATION_JSON_TYPE, null, stream);
        assertFalse(closed[0]);
    }
}
