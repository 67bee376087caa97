package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** CRUD of every management resource against a running server, on H2 and on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "pg"})
class FlagApiIT {
    @Parameter
    String db;

    Http http;
    String[] auth;
    String ns;

    @BeforeEach
    void setUp() {
        FlagpostServer server = Servers.byDatabase(db);
        http = new Http(server);
        auth = bearer(server.bootstrapToken());
        ns = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        expect(200, http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"Test\"}", auth));
    }

    JsonNode expect(int status, Http.Response r) {
        assertEquals(status, r.status(), r.body());
        return r.json();
    }

    String api(String path) {
        return "/api/v1/namespaces/" + ns + path;
    }

    @Test
    void namespacesAreCreatedReadListedUpdatedAndDeleted() {
        assertEquals("Test", expect(200, http.get(api(""), auth)).get("name").asText());
        JsonNode list = expect(200, http.get("/api/v1/namespaces?limit=100", auth));
        List<String> keys = new ArrayList<>();
        list.get("namespaces").forEach(n -> keys.add(n.get("key").asText()));
        assertTrue(keys.contains("default") && keys.contains(ns), keys.toString());
        assertEquals("Renamed", expect(200, http.put(api(""), "{\"name\":\"Renamed\"}", auth)).get("name").asText());
        expect(409, http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"Again\"}", auth));
        expect(400, http.post("/api/v1/namespaces", "{\"key\":\"bad key!\",\"name\":\"x\"}", auth));
        expect(400, http.delete("/api/v1/namespaces/default", auth));
        expect(200, http.delete(api(""), auth));
        expect(404, http.get(api(""), auth));
    }

    @Test
    void flagsAndVariantsHaveFullCrud() {
        JsonNode flag = expect(200, http.post(api("/flags"),
                "{\"key\":\"f1\",\"name\":\"F1\",\"description\":\"d\",\"enabled\":true,\"metadata\":{\"team\":\"a\"}}", auth));
        assertEquals("VARIANT_FLAG_TYPE", flag.get("type").asText());
        assertEquals(ns, flag.get("namespaceKey").asText());
        JsonNode v = expect(200, http.post(api("/flags/f1/variants"), "{\"key\":\"on\",\"name\":\"On\",\"attachment\":\"{\\\"x\\\":1}\"}", auth));
        expect(409, http.post(api("/flags/f1/variants"), "{\"key\":\"on\"}", auth));
        expect(400, http.post(api("/flags/f1/variants"), "{\"key\":\"bad\",\"attachment\":\"{not json\"}", auth));
        expect(200, http.put(api("/flags/f1/variants/" + v.get("id").asText()), "{\"key\":\"on\",\"name\":\"Renamed\"}", auth));
        JsonNode got = expect(200, http.get(api("/flags/f1"), auth));
        assertEquals("Renamed", got.get("variants").get(0).get("name").asText());
        assertEquals("a", got.get("metadata").get("team").asText());
        assertEquals(false, expect(200, http.put(api("/flags/f1"), "{\"name\":\"F1\",\"enabled\":false}", auth)).get("enabled").asBoolean());
        expect(400, http.put(api("/flags/f1"), "{\"name\":\"F1\",\"type\":\"BOOLEAN_FLAG_TYPE\"}", auth));
        expect(409, http.post(api("/flags"), "{\"key\":\"f1\",\"name\":\"dup\"}", auth));
        expect(400, http.post(api("/flags"), "{\"key\":\"f2\"}", auth)); // name missing
        expect(404, http.post("/api/v1/namespaces/nope-" + ns + "/flags", "{\"key\":\"f\",\"name\":\"n\"}", auth));
        expect(200, http.delete(api("/flags/f1/variants/" + v.get("id").asText()), auth));
        assertEquals(0, expect(200, http.get(api("/flags/f1"), auth)).get("variants").size());
        expect(200, http.delete(api("/flags/f1"), auth));
        expect(404, http.get(api("/flags/f1"), auth));
    }

    @Test
    void anEmptyNamespaceSegmentIsTheDefaultNamespaceAsFliptsGoSdkSendsIt() {
        Http.Response r = http.post("/api/v1/namespaces//flags", "{\"key\":\"empty-ns-" + db + "\",\"name\":\"E\"}", auth);
        assertEquals(200, r.status(), r.body());
        assertEquals(200, http.get("/api/v1/namespaces/default/flags/empty-ns-" + db, auth).status(), "created in default");
        assertEquals(200, http.delete("/api/v1/namespaces//flags/empty-ns-" + db, auth).status());
        assertEquals(404, http.get("/api/v1/namespaces/default/flags/empty-ns-" + db, auth).status());
    }

    @Test
    void flagListsArePaginated() {
        for (int i = 0; i < 5; i++) {
            expect(200, http.post(api("/flags"), "{\"key\":\"p" + i + "\",\"name\":\"P\"}", auth));
        }
        JsonNode first = expect(200, http.get(api("/flags?limit=2"), auth));
        assertEquals(5, first.get("totalCount").asInt());
        assertEquals(2, first.get("flags").size());
        List<String> keys = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = expect(200, http.get(api("/flags?limit=2&pageToken=" + token), auth));
            page.get("flags").forEach(f -> keys.add(f.get("key").asText()));
            token = page.get("nextPageToken").asText();
        } while (!token.isEmpty());
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), keys);
        expect(400, http.get(api("/flags?pageToken=%21%21"), auth));
    }

    @Test
    void segmentsAndConstraintsHaveFullCrudAndValidation() {
        JsonNode s = expect(200, http.post(api("/segments"), "{\"key\":\"s1\",\"name\":\"S1\",\"matchType\":\"ANY_MATCH_TYPE\"}", auth));
        assertEquals("ANY_MATCH_TYPE", s.get("matchType").asText());
        JsonNode c = expect(200, http.post(api("/segments/s1/constraints"),
                "{\"type\":\"NUMBER_COMPARISON_TYPE\",\"property\":\"age\",\"operator\":\"gte\",\"value\":\"18\"}", auth));
        JsonNode bad = expect(400, http.post(api("/segments/s1/constraints"),
                "{\"type\":\"NUMBER_COMPARISON_TYPE\",\"property\":\"age\",\"operator\":\"prefix\",\"value\":\"1\"}", auth));
        assertTrue(bad.get("message").asText().contains("operator"), bad.toString());
        expect(400, http.post(api("/segments/s1/constraints"), "{\"type\":\"NUMBER_COMPARISON_TYPE\",\"property\":\"age\",\"operator\":\"gt\",\"value\":\"old\"}", auth));
        expect(400, http.post(api("/segments/s1/constraints"), "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"p\",\"operator\":\"isoneof\",\"value\":\"a,b\"}", auth));
        expect(400, http.post(api("/segments/s1/constraints"), "{\"type\":\"DATETIME_COMPARISON_TYPE\",\"property\":\"d\",\"operator\":\"lt\",\"value\":\"tomorrow\"}", auth));
        expect(200, http.put(api("/segments/s1/constraints/" + c.get("id").asText()),
                "{\"type\":\"NUMBER_COMPARISON_TYPE\",\"property\":\"age\",\"operator\":\"lt\",\"value\":\"65\"}", auth));
        JsonNode got = expect(200, http.get(api("/segments/s1"), auth));
        assertEquals(1, got.get("constraints").size());
        assertEquals("lt", got.get("constraints").get(0).get("operator").asText());
        expect(200, http.put(api("/segments/s1"), "{\"name\":\"S one\",\"matchType\":\"ALL_MATCH_TYPE\"}", auth));
        assertEquals(1, expect(200, http.get(api("/segments"), auth)).get("totalCount").asInt());
        expect(200, http.delete(api("/segments/s1/constraints/" + c.get("id").asText()), auth));
        expect(200, http.delete(api("/segments/s1"), auth));
        expect(404, http.get(api("/segments/s1"), auth));
    }

    @Test
    void rulesAndDistributionsHaveFullCrudRanksAndLimits() {
        expect(200, http.post(api("/flags"), "{\"key\":\"f\",\"name\":\"F\",\"enabled\":true}", auth));
        String a = expect(200, http.post(api("/flags/f/variants"), "{\"key\":\"a\"}", auth)).get("id").asText();
        String b = expect(200, http.post(api("/flags/f/variants"), "{\"key\":\"b\"}", auth)).get("id").asText();
        expect(200, http.post(api("/segments"), "{\"key\":\"s1\",\"name\":\"S1\"}", auth));
        expect(200, http.post(api("/segments"), "{\"key\":\"s2\",\"name\":\"S2\"}", auth));
        String r1 = expect(200, http.post(api("/flags/f/rules"), "{\"segmentKey\":\"s1\",\"rank\":1}", auth)).get("id").asText();
        JsonNode r2 = expect(200, http.post(api("/flags/f/rules"),
                "{\"segmentKeys\":[\"s1\",\"s2\"],\"segmentOperator\":\"AND_SEGMENT_OPERATOR\",\"rank\":2}", auth));
        assertEquals(2, r2.get("segmentKeys").size());
        // Nothing half-written: an unknown segment fails the whole rule.
        expect(404, http.post(api("/flags/f/rules"), "{\"segmentKeys\":[\"s1\",\"ghost\"],\"rank\":3}", auth));
        expect(400, http.post(api("/flags/f/rules"), "{\"segmentKey\":\"s1\",\"rank\":0}", auth));
        Http.Response taken = http.post(api("/flags/f/rules"), "{\"segmentKey\":\"s2\",\"rank\":2}", auth);
        assertEquals(400, taken.status(), taken.body());
        assertEquals("rank number: 2 already exists", taken.json().get("message").asText());
        assertEquals(2, expect(200, http.get(api("/flags/f/rules"), auth)).get("totalCount").asInt(), "nothing was added");

        String d = expect(200, http.post(api("/flags/f/rules/" + r1 + "/distributions"), "{\"variantId\":\"" + a + "\",\"rollout\":60}", auth))
                .get("id").asText();
        expect(400, http.post(api("/flags/f/rules/" + r1 + "/distributions"), "{\"variantId\":\"" + b + "\",\"rollout\":50}", auth));
        expect(200, http.post(api("/flags/f/rules/" + r1 + "/distributions"), "{\"variantId\":\"" + b + "\",\"rollout\":40}", auth));
        expect(200, http.put(api("/flags/f/rules/" + r1 + "/distributions/" + d), "{\"variantId\":\"" + a + "\",\"rollout\":30}", auth));
        assertEquals(2, expect(200, http.get(api("/flags/f/rules/" + r1), auth)).get("distributions").size());

        expect(200, http.put(api("/flags/f/rules/order"), "{\"ruleIds\":[\"" + r2.get("id").asText() + "\",\"" + r1 + "\"]}", auth));
        assertEquals(r2.get("id").asText(), expect(200, http.get(api("/flags/f/rules"), auth)).get("rules").get(0).get("id").asText());
        expect(400, http.put(api("/flags/f/rules/order"), "{\"ruleIds\":[\"" + r1 + "\"]}", auth));

        expect(400, http.delete(api("/segments/s2"), auth)); // still used by a rule
        expect(200, http.delete(api("/flags/f/rules/" + r2.get("id").asText()), auth));
        JsonNode left = expect(200, http.get(api("/flags/f/rules"), auth));
        assertEquals(1, left.get("rules").get(0).get("rank").asInt(), "ranks are compacted after a delete");
        expect(200, http.delete(api("/flags/f/rules/" + r1 + "/distributions/" + d), auth));
        assertEquals(1, expect(200, http.get(api("/flags/f/rules/" + r1), auth)).get("distributions").size());
        expect(200, http.delete(api("/segments/s2"), auth));
    }

    @Test
    void rolloutsHaveFullCrudAndOrder() {
        expect(200, http.post(api("/flags"), "{\"key\":\"b\",\"name\":\"B\",\"type\":\"BOOLEAN_FLAG_TYPE\"}", auth));
        expect(200, http.post(api("/segments"), "{\"key\":\"beta\",\"name\":\"Beta\"}", auth));
        JsonNode t = expect(200, http.post(api("/flags/b/rollouts"), "{\"rank\":1,\"threshold\":{\"percentage\":25,\"value\":true}}", auth));
        assertEquals("THRESHOLD_ROLLOUT_TYPE", t.get("type").asText());
        JsonNode s = expect(200, http.post(api("/flags/b/rollouts"),
                "{\"rank\":2,\"segment\":{\"segmentKey\":\"beta\",\"value\":true}}", auth));
        assertEquals("beta", s.get("segment").get("segmentKey").asText());
        expect(400, http.post(api("/flags/b/rollouts"), "{\"rank\":3,\"threshold\":{\"percentage\":120,\"value\":true}}", auth));
        expect(400, http.post(api("/flags/b/rollouts"), "{\"rank\":3}", auth));
        Http.Response taken = http.post(api("/flags/b/rollouts"), "{\"rank\":1,\"threshold\":{\"percentage\":5,\"value\":true}}", auth);
        assertEquals(400, taken.status(), taken.body());
        assertEquals("rank number: 1 already exists", taken.json().get("message").asText());
        assertEquals(2, expect(200, http.get(api("/flags/b/rollouts"), auth)).get("totalCount").asInt(), "nothing was added");
        expect(200, http.put(api("/flags/b/rollouts/" + t.get("id").asText()), "{\"rank\":1,\"threshold\":{\"percentage\":50,\"value\":false}}", auth));
        expect(200, http.put(api("/flags/b/rollouts/order"),
                "{\"rolloutIds\":[\"" + s.get("id").asText() + "\",\"" + t.get("id").asText() + "\"]}", auth));
        JsonNode list = expect(200, http.get(api("/flags/b/rollouts"), auth));
        assertEquals(s.get("id").asText(), list.get("rules").get(0).get("id").asText());
        assertEquals(50.0, list.get("rules").get(1).get("threshold").get("percentage").asDouble());
        expect(200, http.delete(api("/flags/b/rollouts/" + s.get("id").asText()), auth));
        assertEquals(1, expect(200, http.get(api("/flags/b/rollouts"), auth)).get("totalCount").asInt());
    }
}
