package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code exclude.*} and {@code required: false}, on servers started with those configs. */
class ExclusionsIT {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/_probe", "/evaluate/v1/_probe", "/internal/v1/_probe", "/ofrep/v1/_probe"})
    void excludedSectionsAreOpenWithoutAToken(String path) {
        Http.Response r = new Http(Servers.excluded()).get(path);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().get("authenticated").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-token", "JWT not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void anExcludedSectionIgnoresWhateverCredentialComesWithTheRequest(String authorization) {
        // The gate does not read the credential where no caller is needed: a bad one is neither
        // refused nor answered by clearing the session cookies.
        Http.Response r = new Http(Servers.excluded()).get("/evaluate/v1/_probe",
                "Authorization", authorization, "Cookie", "flipt_client_token=%00bad");
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().get("authenticated").asBoolean());
        assertTrue(r.setCookies().isEmpty(), "no cookie is cleared: " + r.setCookies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/_probe", "/evaluate/v1/_probe", "/internal/v1/_probe", "/ofrep/v1/_probe"})
    void withoutExclusionsEverySectionNeedsAToken(String path) {
        assertEquals(401, new Http(Servers.byDatabase("h2")).get(path).status());
    }

    @Test
    void excludedManagementAndEvaluationServeRealRoutesWithoutAToken() {
        Http http = new Http(Servers.excluded());
        assertEquals(200, http.get("/api/v1/namespaces").status());
        assertEquals(200, http.post("/api/v1/namespaces/default/flags", "{\"key\":\"open-flag\",\"name\":\"Open\",\"type\":\"BOOLEAN_FLAG_TYPE\"}").status());
        assertEquals(200, http.post("/evaluate/v1/boolean", "{\"flagKey\":\"open-flag\",\"entityId\":\"u\"}").status());
    }

    @Test
    void withoutExclusionsRealRoutesNeedAToken() {
        Http http = new Http(Servers.byDatabase("h2"));
        assertEquals(401, http.get("/api/v1/namespaces").status());
        assertEquals(401, http.post("/evaluate/v1/boolean", "{\"flagKey\":\"x\",\"entityId\":\"u\"}").status());
        assertEquals(401, http.post("/evaluate/v1/batch", "{\"requests\":[]}").status());
    }

    @Test
    void exclusionsNeverOpenTokenManagement() {
        Http http = new Http(Servers.excluded());
        assertEquals(401, http.get("/auth/v1/self").status());
        assertEquals(401, http.get("/auth/v1/tokens").status());
        assertEquals(401, http.post("/auth/v1/method/token", "{\"name\":\"x\"}").status());
    }

    @Test
    void encodedPathTricksGetNoExemption() {
        Http http = new Http(Servers.excluded());
        // Liberty itself refuses encoded dot segments (400); anything it lets through meets the mechanism (401).
        for (String path : new String[] {"/api/v1/..%2F..%2Fauth/v1/tokens", "/api/v1/_probe;x=1", "/api/v1/%2e%2e/%2e%2e/auth/v1/tokens"}) {
            int status = http.get(path).status();
            assertTrue(status == 400 || status == 401, path + " answered " + status);
        }
    }

    @Test
    void requiredFalseOpensTheApiButNotTokenManagement() {
        Http http = new Http(Servers.notRequired());
        assertEquals(200, http.get("/api/v1/_probe").status());
        assertEquals(200, http.get("/evaluate/v1/_probe").status());
        assertEquals(401, http.get("/auth/v1/tokens").status());
        String token = Servers.notRequired().bootstrapToken();
        assertEquals(200, http.get("/auth/v1/tokens", bearer(token)).status());
    }
}
