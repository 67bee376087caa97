package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagpost.grpc.evaluation.v1.DataServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshotRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationReason;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import dev.flagpost.grpc.flipt.v1.GetFlagRequest;
import dev.flagpost.grpc.flipt.v1.UpdateFlagRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flipt's default variant end to end: stored through REST or gRPC, read back, answered by evaluation
 * with Flipt v1.61's reasons, carried in the snapshot to client-side SDKs and reported by OFREP.
 */
class DefaultVariantIT {
    FlagpostServer server;
    Http http;
    String[] auth;
    String admin;
    String ns;
    String basic;
    String premium;

    @BeforeEach
    void setUp() {
        server = Servers.byDatabase("h2");
        http = new Http(server);
        admin = server.bootstrapToken();
        auth = bearer(admin);
        ns = "dv-" + UUID.randomUUID().toString().substring(0, 8);
        ok(http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"DV\"}", auth));
        // tier: pro users get premium (rule, 100 %); everyone else is decided by the default variant.
        ok(http.post(api("/flags"), "{\"key\":\"tier\",\"name\":\"Tier\",\"enabled\":true}", auth));
        basic = ok(http.post(api("/flags/tier/variants"), "{\"key\":\"basic\",\"attachment\":\"{\\\"seats\\\":1}\"}", auth)).get("id").asText();
        premium = ok(http.post(api("/flags/tier/variants"), "{\"key\":\"premium\"}", auth)).get("id").asText();
        ok(http.post(api("/segments"), "{\"key\":\"pro\",\"name\":\"Pro\"}", auth));
        ok(http.post(api("/segments/pro/constraints"), "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"plan\",\"operator\":\"eq\",\"value\":\"pro\"}", auth));
        String rule = ok(http.post(api("/flags/tier/rules"), "{\"segmentKey\":\"pro\",\"rank\":1}", auth)).get("id").asText();
        ok(http.post(api("/flags/tier/rules/" + rule + "/distributions"), "{\"variantId\":\"" + premium + "\",\"rollout\":100}", auth));
    }

    JsonNode ok(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    String api(String path) {
        return "/api/v1/namespaces/" + ns + path;
    }

    JsonNode variant(String plan) {
        return ok(http.post("/evaluate/v1/variant", "{\"namespaceKey\":\"" + ns + "\",\"flagKey\":\"tier\",\"entityId\":\"u1\",\"context\":{\"plan\":\""
                + plan + "\"}}", auth));
    }

    void setDefault(String variantId, boolean enabled) {
        ok(http.put(api("/flags/tier"), "{\"name\":\"Tier\",\"enabled\":" + enabled + ",\"defaultVariantId\":\"" + variantId + "\"}", auth));
    }

    @Test
    void aDefaultVariantSetOverRestIsReadBackAndAnswersWhenNoRuleMatches() {
        JsonNode before = variant("free");
        assertEquals("UNKNOWN_EVALUATION_REASON", before.get("reason").asText(), "Flipt v1.61: no rule, no default variant");
        assertEquals("", before.get("variantKey").asText());

        setDefault(basic, true);
        JsonNode flag = ok(http.get(api("/flags/tier"), auth));
        assertEquals(basic, flag.get("defaultVariant").get("id").asText());
        assertEquals("basic", flag.get("defaultVariant").get("key").asText());

        JsonNode free = variant("free");
        assertFalse(free.get("match").asBoolean());
        assertEquals("DEFAULT_EVALUATION_REASON", free.get("reason").asText());
        assertEquals("basic", free.get("variantKey").asText());
        assertEquals("{\"seats\":1}", free.get("variantAttachment").asText());
        JsonNode pro = variant("pro");
        assertTrue(pro.get("match").asBoolean());
        assertEquals("MATCH_EVALUATION_REASON", pro.get("reason").asText());
        assertEquals("premium", pro.get("variantKey").asText());
    }

    @Test
    void aDisabledFlagIsFlagDisabledAndStillNamesItsDefaultVariantAsFliptDoes() {
        setDefault(basic, false);
        JsonNode r = variant("pro");
        assertFalse(r.get("match").asBoolean());
        assertEquals("FLAG_DISABLED_EVALUATION_REASON", r.get("reason").asText());
        assertEquals("basic", r.get("variantKey").asText());
    }

    @Test
    void anUpdateWithoutDefaultVariantIdClearsItAsFliptDoes() {
        setDefault(basic, true);
        ok(http.put(api("/flags/tier"), "{\"name\":\"Tier\",\"enabled\":true}", auth));
        assertFalse(ok(http.get(api("/flags/tier"), auth)).has("defaultVariant"));
        assertEquals("UNKNOWN_EVALUATION_REASON", variant("free").get("reason").asText());
    }

    @Test
    void anotherFlagsVariantIsRefusedWithFliptsMessageAndChangesNothing() {
        setDefault(basic, true);
        ok(http.post(api("/flags"), "{\"key\":\"other\",\"name\":\"Other\",\"enabled\":true}", auth));
        String foreign = ok(http.post(api("/flags/other/variants"), "{\"key\":\"x\"}", auth)).get("id").asText();

        Http.Response r = http.put(api("/flags/tier"), "{\"name\":\"Renamed\",\"enabled\":false,\"defaultVariantId\":\"" + foreign + "\"}", auth);
        assertEquals(400, r.status(), r.body());
        assertEquals("variant \"" + foreign + "\" not found for flag \"" + ns + "/tier\"", r.json().get("message").asText());
        JsonNode flag = ok(http.get(api("/flags/tier"), auth));
        assertEquals("Tier", flag.get("name").asText(), "nothing of the refused update was applied");
        assertTrue(flag.get("enabled").asBoolean());
        assertEquals(basic, flag.get("defaultVariant").get("id").asText());
        assertEquals(400, http.put(api("/flags/tier"), "{\"name\":\"Tier\",\"defaultVariantId\":\"not-a-uuid\"}", auth).status());
    }

    @Test
    void deletingTheDefaultVariantClearsIt() {
        setDefault(basic, true);
        ok(http.delete(api("/flags/tier/variants/" + basic), auth));
        assertFalse(ok(http.get(api("/flags/tier"), auth)).has("defaultVariant"));
        assertEquals("UNKNOWN_EVALUATION_REASON", variant("free").get("reason").asText());
        assertEquals("", variant("free").get("variantKey").asText());

        setDefault(premium, true);
        ok(http.delete(api("/flags/tier"), auth));
        assertEquals(404, http.get(api("/flags/tier"), auth).status(), "a flag with a default variant deletes cleanly");
    }

    @Test
    void grpcSetsReadsAndEvaluatesTheDefaultVariant() {
        var flipt = GrpcClients.with(FliptGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "Bearer " + admin);
        flipt.updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(ns).setKey("tier").setName("Tier").setEnabled(true)
                .setDefaultVariantId(basic).build());
        var flag = flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(ns).setKey("tier").build());
        assertTrue(flag.hasDefaultVariant());
        assertEquals("basic", flag.getDefaultVariant().getKey());
        assertEquals("basic", ok(http.get(api("/flags/tier"), auth)).get("defaultVariant").get("key").asText(), "REST sees the gRPC write");

        var eval = GrpcClients.with(EvaluationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "Bearer " + admin);
        var r = eval.variant(EvaluationRequest.newBuilder().setNamespaceKey(ns).setFlagKey("tier").setEntityId("u1").putContext("plan", "free").build());
        assertEquals(EvaluationReason.DEFAULT_EVALUATION_REASON, r.getReason());
        assertEquals("basic", r.getVariantKey());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> flipt.updateFlag(UpdateFlagRequest.newBuilder()
                .setNamespaceKey(ns).setKey("tier").setName("Tier").setEnabled(true).setDefaultVariantId(UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("basic", flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(ns).setKey("tier").build()).getDefaultVariant().getKey());
    }

    @Test
    void theSnapshotCarriesTheDefaultVariantToClientsThatReadIt() {
        setDefault(basic, true);
        String path = "/internal/v1/evaluation/snapshot/namespace/" + ns;
        JsonNode current = ok(http.get(path, "Authorization", "Bearer " + admin, "x-flipt-accept-server-version", "1.47.0"));
        JsonNode tier = current.get("flags").get(0);
        assertEquals("tier", tier.get("key").asText());
        assertEquals(basic, tier.get("defaultVariant").get("id").asText());
        assertEquals("basic", tier.get("defaultVariant").get("key").asText());
        assertEquals("{\"seats\":1}", tier.get("defaultVariant").get("attachment").asText());
        JsonNode old = ok(http.get(path, "Authorization", "Bearer " + admin, "x-flipt-accept-server-version", "1.46.0"));
        assertFalse(old.get("flags").get(0).has("defaultVariant"), "Flipt leaves it out for clients older than 1.47.0");

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-flipt-accept-server-version", Metadata.ASCII_STRING_MARSHALLER), "1.47.0");
        var data = GrpcClients.with(DataServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "Bearer " + admin)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        var snapshot = data.evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest.newBuilder().setKey(ns).build());
        assertEquals("basic", snapshot.getFlags(0).getDefaultVariant().getKey());
    }

    @Test
    void ofrepReportsTheDefaultVariantWithTheDefaultReason() {
        setDefault(basic, true);
        JsonNode r = ok(http.post("/ofrep/v1/evaluate/flags/tier", "{\"context\":{\"targetingKey\":\"u1\",\"plan\":\"free\"}}",
                "Authorization", "Bearer " + admin, "x-flipt-namespace", ns));
        assertEquals("DEFAULT", r.get("reason").asText());
        assertEquals("basic", r.get("value").asText());
        assertEquals("basic", r.get("variant").asText());
    }
}
