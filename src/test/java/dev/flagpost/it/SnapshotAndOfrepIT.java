package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.grpc.evaluation.v1.DataServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshot;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshotRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evaluation snapshot (HTTP and gRPC) and OFREP on the runnable jar, as Flipt's client SDKs and OFREP providers call them. */
class SnapshotAndOfrepIT {
    static FlagpostServer server;
    static Http http;
    static String admin;
    static String scoped;

    @BeforeAll
    static void setUp() {
        server = Servers.byDatabase("h2");
        http = new Http(server);
        admin = server.bootstrapToken();
        http.post("/api/v1/namespaces", "{\"key\":\"snap\",\"name\":\"Snap\"}", bearer(admin));
        http.post("/api/v1/namespaces/snap/flags", "{\"key\":\"on\",\"name\":\"On\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", bearer(admin));
        http.post("/api/v1/namespaces/snap/flags", "{\"key\":\"pick\",\"name\":\"Pick\",\"enabled\":true}", bearer(admin));
        String variant = http.post("/api/v1/namespaces/snap/flags/pick/variants", "{\"key\":\"only\"}", bearer(admin)).json().get("id").asText();
        http.post("/api/v1/namespaces/snap/segments", "{\"key\":\"all\",\"name\":\"All\"}", bearer(admin));
        String rule = http.post("/api/v1/namespaces/snap/flags/pick/rules", "{\"segmentKey\":\"all\",\"rank\":1}", bearer(admin)).json().get("id").asText();
        http.post("/api/v1/namespaces/snap/flags/pick/rules/" + rule + "/distributions", "{\"variantId\":\"" + variant + "\",\"rollout\":100}", bearer(admin));
        scoped = http.createToken(admin, "{\"name\":\"snap-scoped\",\"namespaceKey\":\"snap\"}")[0];
    }

    @Test
    void theSnapshotHasFliptsShapeAndAnEtagThatAnswers304UntilAWrite() {
        Http.Response r = http.get("/internal/v1/evaluation/snapshot/namespace/snap", "Authorization", "Bearer " + admin,
                "x-flipt-accept-server-version", "1.47.0");
        assertEquals(200, r.status(), r.body());
        assertEquals("snap", r.json().get("namespace").get("key").asText());
        assertEquals(2, r.json().get("flags").size());
        var pick = r.json().get("flags").get(1);
        assertEquals("VARIANT_FLAG_TYPE", pick.get("type").asText());
        assertEquals("only", pick.get("rules").get(0).get("distributions").get(0).get("variantKey").asText());
        assertEquals("ALL_SEGMENT_MATCH_TYPE", pick.get("rules").get(0).get("segments").get(0).get("matchType").asText());
        String etag = r.headers().firstValue("ETag").orElseThrow();

        Http.Response same = http.get("/internal/v1/evaluation/snapshot/namespace/snap", "Authorization", "Bearer " + admin, "If-None-Match", etag);
        assertEquals(304, same.status());
        assertEquals("", same.body());

        assertEquals(200, http.put("/api/v1/namespaces/snap/flags/on", "{\"name\":\"On\",\"enabled\":false}", bearer(admin)).status());
        Http.Response changed = http.get("/internal/v1/evaluation/snapshot/namespace/snap", "Authorization", "Bearer " + admin, "If-None-Match", etag);
        assertEquals(200, changed.status());
        assertNotEquals(etag, changed.headers().firstValue("ETag").orElseThrow());
        assertEquals(false, changed.json().get("flags").get(0).get("enabled").asBoolean());
        http.put("/api/v1/namespaces/snap/flags/on", "{\"name\":\"On\",\"enabled\":true}", bearer(admin));
    }

    @Test
    void theSnapshotNeedsACredentialAndAScopedTokenReadsOnlyItsNamespace() {
        assertEquals(401, http.get("/internal/v1/evaluation/snapshot/namespace/snap").status());
        assertEquals(200, http.get("/internal/v1/evaluation/snapshot/namespace/snap", bearer(scoped)).status());
        assertEquals(403, http.get("/internal/v1/evaluation/snapshot/namespace/default", bearer(scoped)).status());
    }

    @Test
    void theGrpcTwinServesTheSameSnapshot() {
        var stub = DataServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort()));
        EvaluationNamespaceSnapshot s = GrpcClients.with(stub, "Bearer " + admin)
                .evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest.newBuilder().setKey("snap").build());
        assertEquals(2, s.getFlagsCount());
        assertEquals("only", s.getFlags(1).getRules(0).getDistributions(0).getVariantKey());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.with(stub, "Bearer " + scoped)
                .evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest.newBuilder().setKey("default").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.with(stub, null)
                .evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest.newBuilder().setKey("snap").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void ofrepEvaluatesOneFlagOrAllWithFliptsShapesAndErrors() {
        String[] h = {"Authorization", "Bearer " + admin, "x-flipt-namespace", "snap"};
        Http.Response b = http.post("/ofrep/v1/evaluate/flags/on", "{\"context\":{\"targetingKey\":\"u1\",\"seats\":12,\"pro\":true}}", h);
        assertEquals(200, b.status(), b.body());
        assertEquals(true, b.json().get("value").asBoolean());
        assertEquals("DEFAULT", b.json().get("reason").asText());
        Http.Response v = http.post("/ofrep/v1/evaluate/flags/pick", "{\"context\":{\"targetingKey\":\"u1\"}}", h);
        assertEquals("only", v.json().get("value").asText());
        assertEquals("TARGETING_MATCH", v.json().get("reason").asText());
        assertEquals("all", v.json().get("metadata").get("segments").asText());

        Http.Response missing = http.post("/ofrep/v1/evaluate/flags/nope", "{\"context\":{\"targetingKey\":\"u1\"}}", h);
        assertEquals(404, missing.status());
        assertEquals("nope", missing.json().get("key").asText());
        assertEquals("FLAG_NOT_FOUND", missing.json().get("errorCode").asText());
        Http.Response badContext = http.post("/ofrep/v1/evaluate/flags/on", "{\"context\":{\"targetingKey\":{\"x\":1}}}", h);
        assertEquals(400, badContext.status());
        assertEquals("INVALID_CONTEXT", badContext.json().get("errorCode").asText());

        Http.Response bulk = http.post("/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"u1\"}}", h);
        assertEquals(200, bulk.status(), bulk.body());
        assertEquals(2, bulk.json().get("flags").size());
        String etag = bulk.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.post("/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"u1\"}}",
                "Authorization", "Bearer " + admin, "x-flipt-namespace", "snap", "If-None-Match", etag).status());
        Http.Response listed = http.post("/ofrep/v1/evaluate/flags", "{\"context\":{\"targetingKey\":\"u1\",\"flags\":\"on, nope\"}}", h);
        assertEquals("FLAG_NOT_FOUND", listed.json().get("flags").get(1).get("errorCode").asText(), "one missing flag does not fail the rest");
        assertEquals(true, listed.json().get("flags").get(0).get("value").asBoolean());

        assertEquals("flipt", http.get("/ofrep/v1/configuration", bearer(admin)).json().get("name").asText());
    }

    @Test
    void ofrepRefusalsUseOfrepsErrorShape() {
        Http.Response none = http.post("/ofrep/v1/evaluate/flags/on", "{}");
        assertEquals(401, none.status());
        assertEquals("GENERAL", none.json().get("errorCode").asText());
        assertTrue(none.json().get("errorDetails").asText().contains("not authenticated"));
        Http.Response other = http.post("/ofrep/v1/evaluate/flags/on", "{}", bearer(scoped));
        assertEquals(403, other.status(), "the default namespace is outside the token's scope");
        assertEquals(200, http.post("/ofrep/v1/evaluate/flags/on", "{\"context\":{\"targetingKey\":\"u\"}}",
                "Authorization", "Bearer " + scoped, "x-flipt-namespace", "snap").status());
    }

    @Test
    void excludedOfrepNeedsNoCredential() {
        Http.Response r = new Http(Servers.excluded()).post("/ofrep/v1/evaluate/flags/missing", "{\"context\":{\"targetingKey\":\"u\"}}");
        assertEquals(404, r.status(), "past the gate: the flag does not exist");
        assertEquals("FLAG_NOT_FOUND", r.json().get("errorCode").asText());
    }
}
