package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evaluation semantics over HTTP, on flags created through the management API. */
class EvaluationIT {
    FlagpostServer server;
    Http http;
    String[] auth;
    String ns;

    @BeforeEach
    void setUp() {
        server = Servers.byDatabase("h2");
        http = new Http(server);
        auth = bearer(server.bootstrapToken());
        ns = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        ok(http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"Eval\"}", auth));
    }

    JsonNode ok(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    String api(String path) {
        return "/api/v1/namespaces/" + ns + path;
    }

    JsonNode evaluate(String kind, String flag, String entity, String context) {
        return ok(http.post("/evaluate/v1/" + kind, "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"" + flag + "\",\"entityId\":\""
                + entity + "\",\"context\":" + context + "}", auth));
    }

    /** A variant flag: plan=pro users get a 30/70 split of a/b. */
    void variantFlag() {
        ok(http.post(api("/flags"), "{\"key\":\"color\",\"name\":\"Color\",\"enabled\":true}", auth));
        String a = ok(http.post(api("/flags/color/variants"), "{\"key\":\"a\",\"attachment\":\"{\\\"n\\\":1}\"}", auth)).get("id").asText();
        String b = ok(http.post(api("/flags/color/variants"), "{\"key\":\"b\"}", auth)).get("id").asText();
        ok(http.post(api("/segments"), "{\"key\":\"pro\",\"name\":\"Pro\"}", auth));
        ok(http.post(api("/segments/pro/constraints"), "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"plan\",\"operator\":\"eq\",\"value\":\"pro\"}", auth));
        String rule = ok(http.post(api("/flags/color/rules"), "{\"segmentKey\":\"pro\",\"rank\":1}", auth)).get("id").asText();
        ok(http.post(api("/flags/color/rules/" + rule + "/distributions"), "{\"variantId\":\"" + a + "\",\"rollout\":30}", auth));
        ok(http.post(api("/flags/color/rules/" + rule + "/distributions"), "{\"variantId\":\"" + b + "\",\"rollout\":70}", auth));
    }

    @Test
    void variantEvaluationMatchesSegmentsAndReportsFliptFields() {
        variantFlag();
        JsonNode r = evaluate("variant", "color", "user-1", "{\"plan\":\"pro\"}");
        assertTrue(r.get("match").asBoolean());
        assertEquals("MATCH_EVALUATION_REASON", r.get("reason").asText());
        assertEquals("pro", r.get("segmentKeys").get(0).asText());
        assertEquals("color", r.get("flagKey").asText());
        assertTrue(r.has("requestDurationMillis") && r.has("timestamp") && r.has("variantAttachment"));
        JsonNode none = evaluate("variant", "color", "user-1", "{\"plan\":\"free\"}");
        assertFalse(none.get("match").asBoolean());
        // Flipt v1.61: no rule decides and the flag has no default variant → UNKNOWN, not DEFAULT
        assertEquals("UNKNOWN_EVALUATION_REASON", none.get("reason").asText());
    }

    @Test
    void tenThousandEntitiesSplitWithinTwoPercentOfTheRollout() {
        variantFlag();
        int a = 0;
        int total = 10_000;
        for (int batch = 0; batch < total / 100; batch++) {
            StringBuilder body = new StringBuilder("{\"requests\":[");
            for (int i = 0; i < 100; i++) {
                body.append(i == 0 ? "" : ",").append("{\"namespaceKey\":\"").append(ns)
                        .append("\",\"flagKey\":\"color\",\"entityId\":\"entity-").append(batch * 100 + i).append("\",\"context\":{\"plan\":\"pro\"}}");
            }
            for (JsonNode item : ok(http.post("/evaluate/v1/batch", body.append("]}").toString(), auth)).get("responses")) {
                if (item.get("variantResponse").get("variantKey").asText().equals("a")) {
                    a++;
                }
            }
        }
        double share = a * 100.0 / total;
        assertTrue(Math.abs(share - 30) <= 2, "variant a got " + share + "%");
    }

    @Test
    void booleanThresholdSplitsTenThousandEntitiesWithinTwoPercent() {
        ok(http.post(api("/flags"), "{\"key\":\"dark\",\"name\":\"Dark\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":false}", auth));
        ok(http.post(api("/flags/dark/rollouts"), "{\"rank\":1,\"threshold\":{\"percentage\":25,\"value\":true}}", auth));
        int on = 0;
        for (int batch = 0; batch < 100; batch++) {
            StringBuilder body = new StringBuilder("{\"requests\":[");
            for (int i = 0; i < 100; i++) {
                body.append(i == 0 ? "" : ",").append("{\"namespaceKey\":\"").append(ns)
                        .append("\",\"flagKey\":\"dark\",\"entityId\":\"e").append(batch * 100 + i).append("\"}");
            }
            for (JsonNode item : ok(http.post("/evaluate/v1/batch", body.append("]}").toString(), auth)).get("responses")) {
                on += item.get("booleanResponse").get("enabled").asBoolean() ? 1 : 0;
            }
        }
        assertTrue(Math.abs(on / 100.0 - 25) <= 2, "enabled for " + on / 100.0 + "%");
    }

    @Test
    void writesTakeEffectOnTheNextEvaluation() {
        variantFlag();
        assertTrue(evaluate("variant", "color", "u", "{\"plan\":\"pro\"}").get("match").asBoolean());
        ok(http.put(api("/flags/color"), "{\"name\":\"Color\",\"enabled\":false}", auth));
        assertEquals("FLAG_DISABLED_EVALUATION_REASON", evaluate("variant", "color", "u", "{\"plan\":\"pro\"}").get("reason").asText());
    }

    @Test
    void batchReportsMissingFlagsAsErrorEntries() {
        variantFlag();
        JsonNode r = ok(http.post("/evaluate/v1/batch", "{\"requests\":[{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"color\",\"entityId\":\"u\"},"
                + "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"ghost\",\"entityId\":\"u\"}]}", auth));
        assertEquals("VARIANT_EVALUATION_RESPONSE_TYPE", r.get("responses").get(0).get("type").asText());
        JsonNode err = r.get("responses").get(1);
        assertEquals("ERROR_EVALUATION_RESPONSE_TYPE", err.get("type").asText());
        assertEquals("NOT_FOUND_ERROR_EVALUATION_REASON", err.get("errorResponse").get("reason").asText());
    }

    @Test
    void badEvaluationRequestsAreRejectedClearly() {
        variantFlag();
        assertEquals(404, http.post("/evaluate/v1/variant", "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"ghost\",\"entityId\":\"u\"}", auth).status());
        Http.Response wrongType = http.post("/evaluate/v1/boolean", "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"color\",\"entityId\":\"u\"}", auth);
        assertEquals(400, wrongType.status());
        Http.Response noEntity = http.post("/evaluate/v1/variant", "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"color\"}", auth);
        assertEquals(400, noEntity.status());
        assertTrue(noEntity.json().get("message").asText().contains("entityId"));
        Http.Response badContext = http.post("/evaluate/v1/variant", "{\"flagKey\":\"color\",\"entityId\":\"u\",\"context\":{\"n\":1}}", auth);
        assertEquals(400, badContext.status());
        assertEquals("context.n must be a string", badContext.json().get("message").asText());
        Http.Response malformed = http.post("/evaluate/v1/batch", "{\"requests\":[{\"flagKey\":\"color\"}", auth);
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().get("message").asText().startsWith("the request body is not valid JSON"), malformed.body());
        Http.Response duplicate = http.post("/evaluate/v1/boolean", "{\"flagKey\":\"a\",\"flagKey\":\"b\",\"entityId\":\"u\"}", auth);
        assertEquals(400, duplicate.status());
        assertTrue(duplicate.json().get("message").asText().startsWith("the request body is not valid JSON"), duplicate.body());
        Http.Response notAList = http.post("/evaluate/v1/batch", "{\"requests\":{}}", auth);
        assertEquals("requests must be a list of evaluation requests", notAList.json().get("message").asText());
        assertEquals("a JSON request body is required", http.post("/evaluate/v1/variant", "", auth).json().get("message").asText());
    }

    /**
     * Successful evaluations are answered by EvaluationFastPath, everything else by the JAX-RS resource;
     * an Accept header with weights always goes to the resource: both must answer alike.
     */
    @Test
    void fastPathAndResourceAnswerAlike() {
        variantFlag();
        String one = "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"color\",\"entityId\":\"u1\",\"context\":{\"plan\":\"pro\"}}";
        String ghost = "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"ghost\",\"entityId\":\"u1\"}";
        String[][] calls = {{"variant", one}, {"batch", "{\"requestId\":\"r1\",\"requests\":[" + one + "," + ghost + "]}"},
                {"variant", ghost}, {"boolean", one}, {"variant", "{\"flagKey\":5}"}, {"batch", "{\"requests\":{}}"}, {"variant", ""}};
        for (String[] call : calls) {
            Http.Response fast = http.post("/evaluate/v1/" + call[0], call[1], with(auth, "Accept", "application/json"));
            Http.Response resource = http.post("/evaluate/v1/" + call[0], call[1], with(auth, "Accept", "application/json;q=0.9"));
            String what = call[0] + " " + call[1];
            assertEquals(resource.status(), fast.status(), what);
            assertEquals(resource.headers().firstValue("Content-Type"), fast.headers().firstValue("Content-Type"), what);
            assertEquals(withoutPerCallFields(resource.json()), withoutPerCallFields(fast.json()), what);
        }
    }

    private static String[] with(String[] headers, String name, String value) {
        String[] out = java.util.Arrays.copyOf(headers, headers.length + 2);
        out[headers.length] = name;
        out[headers.length + 1] = value;
        return out;
    }

    /** Request ids, timestamps and durations differ from call to call. */
    private static JsonNode withoutPerCallFields(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove(java.util.List.of("requestId", "timestamp", "requestDurationMillis"));
        }
        node.forEach(EvaluationIT::strip);
    }

    @Test
    void evaluationAnswersAreSentWholeWithTheirLength() {
        variantFlag();
        for (String route : new String[] {"variant", "batch"}) {
            String one = "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"color\",\"entityId\":\"u\"}";
            Http.Response r = http.post("/evaluate/v1/" + route, route.equals("batch") ? "{\"requests\":[" + one + "," + one + "]}" : one, auth);
            assertEquals(200, r.status(), r.body());
            assertEquals(String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                    r.headers().firstValue("Content-Length").orElse("none (chunked)"), route);
        }
    }

    /** Flipt v1's legacy evaluation, as Flipt's older SDKs call it. */
    @Test
    void legacyEvaluateAnswersInFliptV1sShapeOnBothRoutes() {
        variantFlag();
        JsonNode r = ok(http.post(api("/evaluate"), "{\"flagKey\":\"color\",\"entityId\":\"user-1\",\"context\":{\"plan\":\"pro\"}}", auth));
        assertTrue(r.get("match").asBoolean());
        assertEquals("MATCH_EVALUATION_REASON", r.get("reason").asText());
        assertTrue(r.get("value").asText().equals("a") || r.get("value").asText().equals("b"), r.toString());
        assertEquals("pro", r.get("segmentKey").asText());
        assertEquals("pro", r.get("segmentKeys").get(0).asText());
        assertEquals(ns, r.get("namespaceKey").asText());
        assertEquals("user-1", r.get("entityId").asText());
        assertEquals("pro", r.get("requestContext").get("plan").asText());
        assertFalse(r.get("requestId").asText().isEmpty());
        assertTrue(r.has("timestamp") && r.has("requestDurationMillis") && r.has("attachment"));
        JsonNode same = ok(http.post("/api/v1/evaluate", "{\"namespaceKey\":\"" + ns
                + "\",\"flagKey\":\"color\",\"entityId\":\"user-1\",\"context\":{\"plan\":\"pro\"}}", auth));
        assertEquals(r.get("value").asText(), same.get("value").asText(), "the body's namespace is used where the path has none");
        JsonNode none = ok(http.post(api("/evaluate"), "{\"flagKey\":\"color\",\"entityId\":\"user-1\",\"context\":{\"plan\":\"free\"}}", auth));
        assertFalse(none.get("match").asBoolean());
        assertEquals("UNKNOWN_EVALUATION_REASON", none.get("reason").asText());

        var flipt = GrpcClients.with(dev.flagpost.grpc.flipt.v1.FliptGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), auth[1]);
        var overGrpc = flipt.evaluate(dev.flagpost.grpc.flipt.v1.EvaluationRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color")
                .setEntityId("user-1").putContext("plan", "pro").build());
        assertEquals(r.get("value").asText(), overGrpc.getValue(), "gRPC flipt.Flipt/Evaluate answers as the REST route");
        assertEquals(dev.flagpost.grpc.flipt.v1.EvaluationReason.MATCH_EVALUATION_REASON, overGrpc.getReason());
        assertEquals(java.util.List.of("pro"), overGrpc.getSegmentKeysList());
        var batch = flipt.batchEvaluate(dev.flagpost.grpc.flipt.v1.BatchEvaluationRequest.newBuilder().setNamespaceKey(ns).setExcludeNotFound(true)
                .addRequests(dev.flagpost.grpc.flipt.v1.EvaluationRequest.newBuilder().setFlagKey("color").setEntityId("user-1").putContext("plan", "pro"))
                .addRequests(dev.flagpost.grpc.flipt.v1.EvaluationRequest.newBuilder().setFlagKey("ghost").setEntityId("user-1")).build());
        assertEquals(1, batch.getResponsesCount());
        assertEquals(r.get("value").asText(), batch.getResponses(0).getValue());
    }

    @Test
    void legacyBatchEvaluateKeepsToOneNamespaceAndCanLeaveOutMissingFlags() {
        variantFlag();
        String two = "{\"flagKey\":\"color\",\"entityId\":\"u1\",\"context\":{\"plan\":\"pro\"}},"
                + "{\"flagKey\":\"ghost\",\"entityId\":\"u1\"}";
        JsonNode r = ok(http.post(api("/batch-evaluate"), "{\"excludeNotFound\":true,\"requests\":[" + two + "]}", auth));
        assertEquals(1, r.get("responses").size(), "the missing flag is left out");
        assertEquals("color", r.get("responses").get(0).get("flagKey").asText());
        assertFalse(r.get("requestId").asText().isEmpty());
        Http.Response missing = http.post(api("/batch-evaluate"), "{\"requests\":[" + two + "]}", auth);
        assertEquals(404, missing.status(), missing.body());
        Http.Response mixed = http.post("/api/v1/batch-evaluate", "{\"namespaceKey\":\"" + ns
                + "\",\"requests\":[{\"namespaceKey\":\"default\",\"flagKey\":\"color\",\"entityId\":\"u1\"}]}", auth);
        assertEquals(400, mixed.status(), mixed.body());
        assertEquals("invalid field namespace_key: must be the same for all requests if specified", mixed.json().get("message").asText());
    }

    @Test
    void legacyEvaluateRefusesBooleanFlagsAndOtherNamespacesScopedTokens() {
        ok(http.post(api("/flags"), "{\"key\":\"on\",\"name\":\"On\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", auth));
        Http.Response bool = http.post(api("/evaluate"), "{\"flagKey\":\"on\",\"entityId\":\"u1\"}", auth);
        assertEquals(400, bool.status(), bool.body());
        assertEquals("flag type BOOLEAN_FLAG_TYPE invalid", bool.json().get("message").asText());
        String other = http.createToken(auth[1].substring("Bearer ".length()), "{\"name\":\"other\",\"namespaceKey\":\"default\"}")[0];
        assertEquals(403, http.post(api("/evaluate"), "{\"flagKey\":\"on\",\"entityId\":\"u1\"}", bearer(other)).status());
        assertEquals(403, http.post("/api/v1/evaluate", "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"on\",\"entityId\":\"u1\"}",
                bearer(other)).status());
        assertEquals(403, http.post("/api/v1/batch-evaluate", "{\"namespaceKey\":\"" + ns + "\",\"requests\":[]}", bearer(other)).status());
        assertEquals(401, http.post(api("/evaluate"), "{\"flagKey\":\"on\",\"entityId\":\"u1\"}").status());
    }
}
