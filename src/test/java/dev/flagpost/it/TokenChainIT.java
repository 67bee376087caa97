package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client-token chain against a running server, on the embedded database and on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "pg"})
class TokenChainIT {
    @Parameter
    String db;

    FlagpostServer server;
    Http http;
    String bootstrap;

    @BeforeEach
    void server() {
        server = Servers.byDatabase(db);
        http = new Http(server);
        bootstrap = server.bootstrapToken();
    }

    @Test
    void noTokenIsRejectedWith401InFliptJson() {
        for (String path : new String[] {"/api/v1/_probe", "/evaluate/v1/_probe", "/internal/v1/_probe", "/ofrep/v1/_probe",
                "/auth/v1/self", "/auth/v1/tokens", "/meta/info"}) {
            Http.Response r = http.get(path);
            assertEquals(401, r.status(), path);
            assertEquals(path.startsWith("/ofrep/")
                    ? "{\"errorCode\":\"GENERAL\",\"errorDetails\":\"request was not authenticated\"}" // OFREP clients read this shape
                    : "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}", r.body(), path);
        }
    }

    @Test
    void bootstrapTokenIsAccepted() {
        Http.Response r = http.get("/api/v1/_probe", bearer(bootstrap));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("authenticated").asBoolean());
        JsonNode self = http.get("/auth/v1/self", bearer(bootstrap)).json();
        assertEquals("METHOD_TOKEN", self.get("method").asText());
        assertEquals("initial_bootstrap_token", self.get("metadata").get("io.flipt.auth.token.name").asText());
        assertEquals("Initial token created when bootstrapping authentication", self.get("metadata").get("io.flipt.auth.token.description").asText());
    }

    @Test
    void publicRoutesNeedNoToken() {
        assertEquals(200, http.get("/auth/v1/method").status());
        assertEquals("METHOD_TOKEN", http.get("/auth/v1/method").json().get("methods").get(0).get("method").asText());
        assertEquals(200, http.get("/health/ready").status());
    }

    @Test
    void createdTokenWorksUntilDeletedThenIsRejectedWith401() {
        String[] t = http.createToken(bootstrap, "{\"name\":\"lifecycle\",\"description\":\"d\",\"metadata\":{\"team\":\"a\"}}");
        assertEquals(200, http.get("/evaluate/v1/_probe", bearer(t[0])).status());
        JsonNode got = http.get("/auth/v1/tokens/" + t[1], bearer(bootstrap)).json();
        assertEquals("lifecycle", got.get("metadata").get("io.flipt.auth.token.name").asText());
        assertEquals("a", got.get("metadata").get("team").asText());
        assertEquals(200, http.delete("/auth/v1/tokens/" + t[1], bearer(bootstrap)).status());
        // The token was just used, so it sits in the cache: deletion must still take effect at once.
        assertEquals(401, http.get("/evaluate/v1/_probe", bearer(t[0])).status());
        assertEquals(404, http.get("/auth/v1/tokens/" + t[1], bearer(bootstrap)).status());
        assertEquals(404, http.delete("/auth/v1/tokens/" + t[1], bearer(bootstrap)).status());
    }

    @Test
    void tokenPastItsExpiryIsRejectedWith401() {
        Instant soon = Instant.now().plusSeconds(2);
        String[] t = http.createToken(bootstrap, "{\"name\":\"short\",\"expiresAt\":\"" + soon + "\"}");
        assertEquals(200, http.get("/api/v1/_probe", bearer(t[0])).status());
        while (Instant.now().isBefore(soon.plusMillis(200))) {
            FlagpostServer.sleep(100);
        }
        assertEquals(401, http.get("/api/v1/_probe", bearer(t[0])).status());
    }

    @Test
    void expiringSelfEndsTheTokenAtOnceAndClearsCookies() {
        String[] t = http.createToken(bootstrap, "{\"name\":\"self-expire\"}");
        assertEquals(200, http.get("/api/v1/_probe", bearer(t[0])).status());
        Http.Response r = http.put("/auth/v1/self/expire", null, bearer(t[0]));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.setCookies().stream().anyMatch(c -> c.startsWith("flipt_client_token=;") && c.contains("Max-Age=0")));
        assertEquals(401, http.get("/api/v1/_probe", bearer(t[0])).status());
    }

    @Test
    void expiringSelfCannotExtendTheCurrentExpiry() {
        Instant end = Instant.now().plusSeconds(3600);
        String[] t = http.createToken(bootstrap, "{\"name\":\"no-extend\",\"expiresAt\":\"" + end + "\"}");
        Http.Response r = http.put("/auth/v1/self/expire?expiresAt=" + end.plusSeconds(3600), null, bearer(t[0]));
        assertEquals(400, r.status(), r.body());
        assertEquals(3, r.json().get("code").asInt());
        assertEquals(200, http.get("/api/v1/_probe", bearer(t[0])).status());
    }

    @Test
    void revokingSelfDeletesTheAuthentication() {
        String[] t = http.createToken(bootstrap, "{\"name\":\"revoke\"}");
        assertEquals(200, http.delete("/auth/v1/self/revoke", bearer(t[0])).status());
        assertEquals(401, http.get("/auth/v1/self", bearer(t[0])).status());
        assertEquals(404, http.get("/auth/v1/tokens/" + t[1], bearer(bootstrap)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "bearer TOKEN", "Basic dXNlcjpwYXNz", "Bearer  TOKEN", "Token TOKEN",
            "Bearer TOKEN extra", "BearerTOKEN", "Bearer not-a-real-token-at-all", "JWT not.a.jwt"})
    void wrongSchemeEmptyOrGarbageHeaderIsRejectedWith401(String header) {
        String value = header.replace("TOKEN", bootstrap);
        Http.Response r = http.get("/api/v1/_probe", "Authorization", value);
        assertEquals(401, r.status(), "header [" + header + "]: " + r.body());
    }

    @Test
    void sessionCookieAuthenticates() {
        Http.Response r = http.get("/api/v1/_probe", "Cookie", "flipt_client_token=" + bootstrap);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void headerBeatsCookie() {
        assertEquals(401, http.get("/api/v1/_probe", "Authorization", "Bearer wrong",
                "Cookie", "flipt_client_token=" + bootstrap).status(), "a bad header never falls back to a good cookie");
        assertEquals(200, http.get("/api/v1/_probe", "Authorization", "Bearer " + bootstrap,
                "Cookie", "flipt_client_token=wrong").status());
    }

    @Test
    void rejectedCookieIsCleared() {
        Http.Response r = http.get("/api/v1/_probe", "Cookie", "flipt_client_token=unknown-token");
        assertEquals(401, r.status());
        assertTrue(r.setCookies().stream().anyMatch(c -> c.startsWith("flipt_client_token=;") && c.contains("Max-Age=0")
                && c.contains("HttpOnly") && c.contains("SameSite=Strict")), r.setCookies().toString());
        assertTrue(http.get("/api/v1/_probe", "Authorization", "Bearer unknown").setCookies().isEmpty(),
                "a Bearer failure leaves cookies alone");
    }

    @Test
    void staticTokenWorksAndCannotBeDeleted() {
        Http.Response self = http.get("/auth/v1/self", bearer(Servers.STATIC_CREDENTIAL));
        assertEquals(200, self.status(), self.body());
        assertEquals("ci-static", self.json().get("id").asText());
        assertEquals("integration-tests", self.json().get("metadata").get("app").asText());
        Http.Response del = http.delete("/auth/v1/tokens/ci-static", bearer(bootstrap));
        assertEquals(400, del.status(), del.body());
        assertEquals(9, del.json().get("code").asInt());
        assertEquals(400, http.delete("/auth/v1/self/revoke", bearer(Servers.STATIC_CREDENTIAL)).status());
        assertEquals(200, http.get("/api/v1/_probe", bearer(Servers.STATIC_CREDENTIAL)).status());
    }

    @Test
    void tokensArePagedInCreationOrder() {
        for (int i = 0; i < 3; i++) {
            http.createToken(bootstrap, "{\"name\":\"page-" + i + "\"}");
        }
        Set<String> seen = new HashSet<>();
        String pageToken = "";
        int pages = 0;
        Instant previous = Instant.MIN;
        do {
            JsonNode page = http.get("/auth/v1/tokens?method=METHOD_TOKEN&limit=2&pageToken=" + pageToken, bearer(bootstrap)).json();
            for (JsonNode a : page.get("authentications")) {
                assertTrue(seen.add(a.get("id").asText()), "no authentication appears twice");
                Instant created = Instant.parse(a.get("createdAt").asText());
                assertFalse(created.isBefore(previous), "created_at ascending");
                previous = created;
            }
            pageToken = page.get("nextPageToken").asText();
            pages++;
        } while (!pageToken.isEmpty() && pages < 1000);
        assertTrue(seen.size() >= 4 && pages >= 2, "seen " + seen.size() + " in " + pages + " pages");
        assertEquals(400, http.get("/auth/v1/tokens?pageToken=-5", bearer(bootstrap)).status());
        assertEquals(400, http.get("/auth/v1/tokens?method=METHOD_BOGUS", bearer(bootstrap)).status());
    }

    @Test
    void createTokenRejectsBadInputAndChangesNothing() {
        int before = countTokens();
        assertEquals(400, http.post("/auth/v1/method/token", "{}", bearer(bootstrap)).status());
        assertEquals(400, http.post("/auth/v1/method/token", "{\"name\":\"x\",\"expiresAt\":\"yesterday\"}", bearer(bootstrap)).status());
        assertEquals(400, http.post("/auth/v1/method/token", "{\"name\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", bearer(bootstrap)).status());
        assertEquals(400, http.post("/auth/v1/method/token", "{\"name\":\"x\",\"metadata\":{\"a\":1}}", bearer(bootstrap)).status());
        assertEquals(400, http.post("/auth/v1/method/token", "{not json", bearer(bootstrap)).status());
        assertEquals(before, countTokens());
    }

    @Test
    void cleanupRemovesOnlyWhatIsPastTheGracePeriod() {
        String[] shortLived = http.createToken(bootstrap, "{\"name\":\"cleanup-short\",\"expiresAt\":\"" + Instant.now().plusSeconds(1) + "\"}");
        String[] longLived = http.createToken(bootstrap, "{\"name\":\"cleanup-long\",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        String[] forever = http.createToken(bootstrap, "{\"name\":\"cleanup-forever\"}");
        Instant graceEnds = Instant.now().plusSeconds(1 + 2);
        // Still there while within the grace period (expired, so unusable, but kept for audit).
        while (Instant.now().isBefore(graceEnds.minusMillis(500))) {
            assertEquals(200, http.get("/auth/v1/tokens/" + shortLived[1], bearer(bootstrap)).status());
            FlagpostServer.sleep(200);
        }
        Instant deadline = Instant.now().plusSeconds(15);
        while (http.get("/auth/v1/tokens/" + shortLived[1], bearer(bootstrap)).status() != 404) {
            assertTrue(Instant.now().isBefore(deadline), "the expired token was not cleaned up");
            FlagpostServer.sleep(250);
        }
        assertEquals(200, http.get("/auth/v1/tokens/" + longLived[1], bearer(bootstrap)).status());
        assertEquals(200, http.get("/auth/v1/tokens/" + forever[1], bearer(bootstrap)).status());
    }

    private int countTokens() {
        int n = 0;
        String pageToken = "";
        do {
            JsonNode page = http.get("/auth/v1/tokens?limit=100&pageToken=" + pageToken, bearer(bootstrap)).json();
            n += page.get("authentications").size();
            pageToken = page.get("nextPageToken").asText();
        } while (!pageToken.isEmpty());
        return n;
    }
}
