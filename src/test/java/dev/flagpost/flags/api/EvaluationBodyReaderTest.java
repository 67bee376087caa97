package dev.flagpost.flags.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.api.JsonBodyReader;
import dev.flagpost.flags.evaluation.EvaluationService.Request;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader must answer every body exactly as the JSON-P tree reader and the field
 * accessors did (the same request, or the same 400 message), for single and batch bodies.
 */
class EvaluationBodyReaderTest {
    static Stream<String> bodies() {
        return Stream.of(
                "{\"namespaceKey\":\"default\",\"flagKey\":\"f\",\"entityId\":\"u\",\"context\":{\"b\":\"2\",\"a\":\"1\"}}",
                "{\"namespace_key\":\"ns\",\"flag_key\":\"f\",\"entity_id\":\"u\",\"request_id\":\"r\",\"context\":{}}",
                "{\"flagKey\":\"camel\",\"flag_key\":\"snake\",\"requestId\":\"a\",\"request_id\":\"b\"}",
                "{\"flagKey\":null,\"flag_key\":\"snake\"}",
                "{\"flag_key\":\"snake\",\"flagKey\":\"camel\"}",
                "{\"flagKey\":\"f\",\"flag_key\":5}",
                "{\"flagKey\":\"f\",\"extra\":{\"deep\":[1,2,{\"x\":null}],\"flagKey\":7},\"n\":-1.5e3,\"t\":true}",
                "{\"flagKey\":\"f\\u00e9\\ud83d\\ude00\\\"\\\\\",\"entityId\":\"\\n\\u0000\",\"context\":{\"k\\u00e9\":\"v\\t\"}}",
                "{\"flagKey\":\"\u00e9t\u00e9 \uD83D\uDE00\"}",
                "{}", "{\"context\":null}", " \n\t{ \"flagKey\" : \"f\" } \r\n",
                "{\"flagKey\":5}", "{\"flag_key\":true}", "{\"entityId\":{}}", "{\"requestId\":[\"x\"]}", "{\"namespaceKey\":1.5}",
                "{\"context\":[]}", "{\"context\":\"a=b\"}", "{\"context\":{\"a\":\"1\",\"b\":2}}", "{\"context\":{\"a\":null}}",
                "{\"context\":{\"a\":{\"b\":\"c\"}}}", "{\"flagKey\":5,\"context\":{\"a\":1}}",
                "[]", "[{\"flagKey\":\"f\"}]", "\"x\"", "1", "true", "false", "null",
                "{\"flagKey\":\"f\"", "{\"flagKey\":5,", "{\"flagKey\":\"f\",}", "{'flagKey':'f'}", "{\"flagKey\":\"f\"}}",
                "{\"a\":1,\"a\":2}", "{\"flagKey\":\"f\",\"flagKey\":\"g\"}", "{\"context\":{\"a\":\"1\",\"a\":\"2\"}}",
                "{\"x\":{\"a\":1,\"a\":2}}",
                "{} {}", "{}x", "{}]", "{\"n\":01}", "{\"n\":NaN}", "{\"flagKey\":\"f\"} // comment", "/* c */ {}",
                "\uFEFF{\"flagKey\":\"f\"}",
                // requests: batches
                "{\"requests\":[{\"flagKey\":\"a\",\"entityId\":\"1\"},{\"flag_key\":\"b\",\"namespace_key\":\"other\"}],\"requestId\":\"batch\"}",
                "{\"request_id\":\"snake\",\"requests\":[]}", "{\"requests\":null}", "{\"requests\":{}}", "{\"requests\":\"x\"}",
                "{\"requests\":[1]}", "{\"requests\":[{\"flagKey\":\"a\"},null]}", "{\"requests\":[{\"flagKey\":1},{\"flagKey\":\"b\"}]}",
                "{\"requests\":[{\"flagKey\":\"a\"}],\"requestId\":5}", "{\"requests\":[{\"flagKey\":1}],\"requestId\":5}",
                "{\"requests\":[{\"flagKey\":\"a\"}],\"requests\":[]}", "{\"requests\":[{\"context\":{\"a\":1}}]}",
                "{\"requests\":[[{\"flagKey\":\"a\"}]]}");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void answersEveryBodyAsTheTreeReaderDid(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (boolean batch : new boolean[] {false, true}) {
            assertEquals(outcome(() -> EvaluationBodyReader.tree(JsonBodyReader.object(bytes), batch)),
                    outcome(() -> EvaluationBodyReader.read(bytes, batch)), (batch ? "batch: " : "single: ") + body);
        }
    }

    @Test
    void nestingDepthLimitIsTheTreeReadersOwn() {
        for (int depth = JsonBodyReader.MAX_DEPTH - 3; depth <= JsonBodyReader.MAX_DEPTH + 3; depth++) {
            String body = "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"flagKey\":\"f\"}";
            answersEveryBodyAsTheTreeReaderDid(body);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsTheTreeReaderReadsThem() {
        byte[] prefix = "{\"flagKey\":\"a".getBytes(StandardCharsets.UTF_8);
        for (byte[] odd : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(prefix);
            b.writeBytes(odd);
            b.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            byte[] bytes = b.toByteArray();
            assertEquals(outcome(() -> EvaluationBodyReader.tree(JsonBodyReader.object(bytes), false)),
                    outcome(() -> EvaluationBodyReader.read(bytes, false)));
        }
        for (byte[] utf16 : List.of("{\"flagKey\":\"f\"}".getBytes(StandardCharsets.UTF_16BE), "{\"flagKey\":\"f\"}".getBytes(StandardCharsets.UTF_16LE))) {
            assertEquals(outcome(() -> EvaluationBodyReader.tree(JsonBodyReader.object(utf16), false)),
                    outcome(() -> EvaluationBodyReader.read(utf16, false)));
        }
    }

    @Test
    void wellFormedBodiesTakeTheStreamingPathAndOthersDoNot() {
        assertNotNull(EvaluationBodyReader.streamed(bytes("{\"flagKey\":\"f\",\"context\":{\"a\":\"b\"}}"), false));
        assertNotNull(EvaluationBodyReader.streamed(bytes("{\"requests\":[{\"flagKey\":\"f\"}]}"), true));
        assertNotNull(EvaluationBodyReader.streamed(bytes("{\"flagKey\":5}"), false), "a type error is the fast path's own answer");
        assertNull(EvaluationBodyReader.streamed(bytes("{\"flagKey\":\"f\""), false));
        assertNull(EvaluationBodyReader.streamed(bytes("{\"a\":1,\"a\":1}"), false));
        assertNull(EvaluationBodyReader.streamed(bytes("[]"), false));
    }

    @Test
    void readsTheRequestFromTheEntityStreamAndRefusesAnEmptyBody() throws Exception {
        EvaluationBodyReader reader = new EvaluationBodyReader();
        Object read = reader.readFrom(requestType(), Request.class, null, MediaType.TEXT_PLAIN_TYPE, null,
                new ByteArrayInputStream(bytes("{\"flagKey\":\"f\",\"entityId\":\"u\",\"context\":{\"plan\":\"pro\"}}")));
        assertEquals(new Request(null, "default", "f", "u", Map.of("plan", "pro")), read);
        FliptException empty = assertThrows(FliptException.class, () -> reader.readFrom(requestType(), Request.class, null,
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(bytes(" \n"))));
        assertEquals(Code.INVALID_ARGUMENT, empty.code());
        assertEquals("a JSON request body is required", empty.getMessage());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Object> requestType() {
        return (Class) Request.class;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value read, or the error's code and message. */
    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (FliptException e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
