package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flipt.api.FliptClient;
import io.flipt.api.authentication.ClientTokenAuthenticationStrategy;
import io.flipt.api.evaluation.EvaluationException;
import io.flipt.api.evaluation.models.BatchEvaluationRequest;
import io.flipt.api.evaluation.models.EvaluationReason;
import io.flipt.api.evaluation.models.EvaluationRequest;
import io.flipt.api.evaluation.models.EvaluationResponseType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flipt's own Java SDK (io.flipt:flipt-java), unmodified, against Flagpost. */
class FliptSdkIT {
    FlagpostServer server;
    String ns;
    FliptClient client;

    @BeforeEach
    void setUp() {
        server = Servers.byDatabase("h2");
        Http http = new Http(server);
        String[] admin = bearer(server.bootstrapToken());
        ns = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"SDK\"}", admin);
        String api = "/api/v1/namespaces/" + ns;
        http.post(api + "/flags", "{\"key\":\"banner\",\"name\":\"Banner\",\"enabled\":true}", admin);
        String v = http.post(api + "/flags/banner/variants", "{\"key\":\"blue\",\"attachment\":\"{\\\"c\\\":\\\"#00f\\\"}\"}", admin).json().get("id").asText();
        http.post(api + "/segments", "{\"key\":\"all\",\"name\":\"All\"}", admin);
        String rule = http.post(api + "/flags/banner/rules", "{\"segmentKey\":\"all\",\"rank\":1}", admin).json().get("id").asText();
        http.post(api + "/flags/banner/rules/" + rule + "/distributions", "{\"variantId\":\"" + v + "\",\"rollout\":100}", admin);
        http.post(api + "/flags", "{\"key\":\"beta\",\"name\":\"Beta\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", admin);
        String token = http.createToken(server.bootstrapToken(), "{\"name\":\"sdk\"}")[0];
        client = FliptClient.builder().url(server.url("")).authentication(new ClientTokenAuthenticationStrategy(token)).build();
    }

    EvaluationRequest request(String flag) {
        return EvaluationRequest.builder().namespaceKey(ns).flagKey(flag).entityId("user-7").context(Map.of("plan", "pro")).build();
    }

    @Test
    void sdkEvaluatesVariantFlags() throws Exception {
        var r = client.evaluation().evaluateVariant(request("banner"));
        assertTrue(r.isMatch());
        assertEquals("blue", r.getVariantKey());
        assertEquals("{\"c\":\"#00f\"}", r.getVariantAttachment());
        assertEquals(EvaluationReason.MATCH_EVALUATION_REASON, r.getReason());
        assertEquals(List.of("all"), r.getSegmentKeys());
    }

    @Test
    void sdkEvaluatesBooleanFlags() throws Exception {
        var r = client.evaluation().evaluateBoolean(request("beta"));
        assertTrue(r.isEnabled());
        assertEquals(EvaluationReason.DEFAULT_EVALUATION_REASON, r.getReason());
        assertEquals("beta", r.getFlagKey());
    }

    @Test
    void sdkEvaluatesBatches() throws Exception {
        var r = client.evaluation().evaluateBatch(BatchEvaluationRequest.builder()
                .requests(List.of(request("banner"), request("beta"), request("missing"))).build());
        assertEquals(EvaluationResponseType.VARIANT_EVALUATION_RESPONSE_TYPE, r.getResponses().get(0).getType());
        assertEquals("blue", r.getResponses().get(0).getVariantResponse().orElseThrow().getVariantKey());
        assertTrue(r.getResponses().get(1).getBooleanResponse().orElseThrow().isEnabled());
        assertEquals(EvaluationResponseType.ERROR_EVALUATION_RESPONSE_TYPE, r.getResponses().get(2).getType());
    }

    @Test
    void sdkReportsABadTokenAsFliptsUnauthenticatedError() {
        FliptClient bad = FliptClient.builder().url(server.url(""))
                .authentication(new ClientTokenAuthenticationStrategy("not-a-token")).build();
        EvaluationException e = assertThrows(EvaluationException.class, () -> bad.evaluation().evaluateBoolean(request("beta")));
        io.flipt.api.error.Error error = assertInstanceOf(io.flipt.api.error.Error.class, e.getCause());
        assertEquals(16, error.getCode());
        assertEquals("request was not authenticated", error.getMessage());
    }
}
