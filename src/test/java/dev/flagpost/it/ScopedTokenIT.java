package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token created with namespaceKey reaches that namespace only; everything else is 403 (Flipt: 401). */
class ScopedTokenIT {
    Http http;
    String[] admin;
    String ns;
    String[] scoped;

    @BeforeEach
    void setUp() {
        FlagpostServer server = Servers.byDatabase("h2");
        http = new Http(server);
        admin = bearer(server.bootstrapToken());
        ns = "team-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"Team\"}", admin).status());
        for (String n : new String[] {ns, "default"}) {
            http.post("/api/v1/namespaces/" + n + "/flags", "{\"key\":\"scoped-flag\",\"name\":\"S\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", admin);
        }
        scoped = bearer(http.createToken(server.bootstrapToken(), "{\"name\":\"team\",\"namespaceKey\":\"" + ns + "\"}")[0]);
    }

    String eval(String namespace) {
        return "{\"namespaceKey\":\"" + namespace + "\",\"flagKey\":\"scoped-flag\",\"entityId\":\"u\"}";
    }

    @Test
    void scopedTokenUsesItsOwnNamespace() {
        assertEquals(200, http.post("/evaluate/v1/boolean", eval(ns), scoped).status());
        assertEquals(200, http.get("/api/v1/namespaces/" + ns + "/flags", scoped).status());
        assertEquals(200, http.post("/api/v1/namespaces/" + ns + "/flags", "{\"key\":\"mine\",\"name\":\"Mine\"}", scoped).status());
        assertEquals(200, http.post("/evaluate/v1/batch", "{\"requests\":[" + eval(ns) + "," + eval(ns) + "]}", scoped).status());
    }

    @Test
    void scopedTokenIsDeniedEverythingElseWith403() {
        for (Http.Response r : new Http.Response[] {
                http.post("/evaluate/v1/boolean", eval("default"), scoped),
                http.post("/evaluate/v1/boolean", "{\"flagKey\":\"scoped-flag\",\"entityId\":\"u\"}", scoped),
                http.post("/evaluate/v1/batch", "{\"requests\":[" + eval(ns) + "," + eval("default") + "]}", scoped),
                http.post("/evaluate/v1/batch", "{\"requests\":[]}", scoped),
                http.get("/api/v1/namespaces/default/flags", scoped),
                http.get("/api/v1/namespaces", scoped),
                http.get("/auth/v1/tokens", scoped),
                http.get("/auth/v1/self", scoped),
                http.post("/auth/v1/method/token", "{\"name\":\"escalate\"}", scoped)}) {
            assertEquals(403, r.status(), r.body());
            assertEquals(7, r.json().get("code").asInt());
        }
    }

    @Test
    void unscopedTokensReachEveryNamespace() {
        assertEquals(200, http.post("/evaluate/v1/boolean", eval("default"), admin).status());
        assertEquals(200, http.post("/evaluate/v1/boolean", eval(ns), admin).status());
    }
}
