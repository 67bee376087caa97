package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc;
import dev.flagpost.grpc.auth.v1.CreateTokenRequest;
import dev.flagpost.grpc.auth.v1.DeleteAuthenticationRequest;
import dev.flagpost.grpc.auth.v1.ExpireAuthenticationSelfRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.CreateNamespaceRequest;
import dev.flagpost.grpc.flipt.v1.DeleteFlagRequest;
import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import dev.flagpost.grpc.flipt.v1.UpdateFlagRequest;
import dev.flagpost.testing.TestDatabases;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route family × every way a request can be refused × HTTP and gRPC, against the runnable
 * jar on PostgreSQL: the refusal's status AND that nothing happened — every row of every table
 * (except Flyway's history and the cleanup lease) is digested before and after each request and
 * must be identical. A control test shows the same digest does move when a good caller writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedRequestsChangeNothingIT {
    static final String ALG_NONE_JWT = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhdHRhY2tlciIsImV4cCI6NDEwMjQ0NDgwMH0.";

    FlagpostServer server;
    Http http;
    String admin;
    String scoped;
    String expired;
    String revoked;
    String victimId;

    /** How a request is refused: the credential headers it carries, which routes it applies to, and the answer. */
    record Refusal(String name, String[] headers, String grpcAuthorization, boolean unsafeOnly, boolean httpOnly, int status) {
    }

    /** A route family: how to call it over HTTP or gRPC, and whether it is an unsafe (writing) method. */
    record Call(String name, boolean unsafe, Function<String[], Http.Response> http, Consumer<String> grpc) {
    }

    @BeforeAll
    void setUp() {
        server = Servers.gate();
        http = new Http(server);
        admin = server.bootstrapToken();
        ok(http.post("/api/v1/namespaces/default/flags",
                "{\"key\":\"gate-flag\",\"name\":\"Gate\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":false}", bearer(admin)));
        ok(http.post("/api/v1/namespaces", "{\"key\":\"team-a\",\"name\":\"Team A\"}", bearer(admin)));
        scoped = http.createToken(admin, "{\"name\":\"gate-scoped\",\"namespaceKey\":\"team-a\"}")[0];
        expired = http.createToken(admin, "{\"name\":\"gate-expired\"}")[0];
        ok(http.put("/auth/v1/self/expire", "{\"expiresAt\":\"" + Instant.now().minusSeconds(1) + "\"}", bearer(expired)));
        String[] r = http.createToken(admin, "{\"name\":\"gate-revoked\"}");
        revoked = r[0];
        ok(http.delete("/auth/v1/tokens/" + r[1], bearer(admin)));
        victimId = http.createToken(admin, "{\"name\":\"gate-victim\"}")[1];
    }

    List<Refusal> refusals() {
        return List.of(
                new Refusal("no credential", new String[0], null, false, false, 401),
                new Refusal("unknown token", bearer("x" + "0".repeat(43)), "Bearer x" + "0".repeat(43), false, false, 401),
                new Refusal("expired token", bearer(expired), "Bearer " + expired, false, false, 401),
                new Refusal("revoked token", bearer(revoked), "Bearer " + revoked, false, false, 401),
                new Refusal("alg:none JWT", new String[] {"Authorization", "JWT " + ALG_NONE_JWT}, "JWT " + ALG_NONE_JWT, false, false, 401),
                new Refusal("Basic credentials", new String[] {"Authorization", "Basic bm9jb2xvbg=="}, "Basic bm9jb2xvbg==", false, false, 401),
                new Refusal("two Authorization values", new String[] {"Authorization", "Bearer " + admin, "Authorization", "Bearer " + admin},
                        null, false, true, 401),
                new Refusal("token scoped to another namespace", bearer(scoped), "Bearer " + scoped, false, false, 403),
                new Refusal("session cookie without X-CSRF-Token", new String[] {"Cookie", "flipt_client_token=" + admin}, null, true, true, 403),
                new Refusal("cross-site request", new String[] {"Authorization", "Bearer " + admin, "Sec-Fetch-Site", "cross-site"},
                        null, true, true, 403),
                new Refusal("gRPC content type on an HTTP route", new String[] {"Content-Type", "application/grpc"}, null, false, true, 401));
    }

    List<Call> calls() {
        FliptGrpc.FliptBlockingStub flipt = FliptGrpc.newBlockingStub(channel());
        return List.of(
                new Call("POST /api/v1/namespaces", true,
                        h -> http.post("/api/v1/namespaces", "{\"key\":\"gate-created\",\"name\":\"x\"}", h),
                        a -> GrpcClients.with(flipt, a).createNamespace(CreateNamespaceRequest.newBuilder().setKey("gate-created").setName("x").build())),
                new Call("PUT flag (enable)", true,
                        h -> http.put("/api/v1/namespaces/default/flags/gate-flag", "{\"name\":\"Gate\",\"enabled\":true}", h),
                        a -> GrpcClients.with(flipt, a).updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey("default")
                                .setKey("gate-flag").setName("Gate").setEnabled(true).build())),
                new Call("DELETE flag", true, h -> http.delete("/api/v1/namespaces/default/flags/gate-flag", h),
                        a -> GrpcClients.with(flipt, a).deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey("default").setKey("gate-flag").build())),
                new Call("POST rollout", true,
                        h -> http.post("/api/v1/namespaces/default/flags/gate-flag/rollouts", "{\"rank\":1,\"threshold\":{\"percentage\":50,\"value\":true}}", h),
                        null),
                new Call("POST segment", true,
                        h -> http.post("/api/v1/namespaces/default/segments", "{\"key\":\"gate-seg\",\"name\":\"x\"}", h), null),
                new Call("GET flags", false, h -> http.get("/api/v1/namespaces/default/flags", h), null),
                new Call("evaluate boolean", true,
                        h -> http.post("/evaluate/v1/boolean", "{\"namespaceKey\":\"default\",\"flagKey\":\"gate-flag\",\"entityId\":\"e\"}", h),
                        a -> GrpcClients.with(EvaluationServiceGrpc.newBlockingStub(channel()), a).boolean_(EvaluationRequest.newBuilder()
                                .setNamespaceKey("default").setFlagKey("gate-flag").setEntityId("e").build())),
                new Call("GET evaluation snapshot", false, h -> http.get("/internal/v1/evaluation/snapshot/namespace/default", h), null),
                new Call("OFREP evaluate", true, h -> http.post("/ofrep/v1/evaluate/flags/gate-flag", "{\"context\":{\"targetingKey\":\"e\"}}", h), null),
                new Call("create token", true, h -> http.post("/auth/v1/method/token", "{\"name\":\"gate-made\"}", h),
                        a -> GrpcClients.with(AuthenticationMethodTokenServiceGrpc.newBlockingStub(channel()), a)
                                .createToken(CreateTokenRequest.newBuilder().setName("gate-made").build())),
                new Call("delete another token", true, h -> http.delete("/auth/v1/tokens/" + victimId, h),
                        a -> GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(channel()), a)
                                .deleteAuthentication(DeleteAuthenticationRequest.newBuilder().setId(victimId).build())),
                new Call("expire own token", true, h -> http.put("/auth/v1/self/expire", "{\"expiresAt\":\"" + Instant.now() + "\"}", h),
                        a -> GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(channel()), a)
                                .expireAuthenticationSelf(ExpireAuthenticationSelfRequest.getDefaultInstance())),
                new Call("GET /meta/info", false, h -> http.get("/meta/info", h), null),
                new Call("GET probe", false, h -> http.get("/api/v1/_probe", h), null));
    }

    @TestFactory
    Stream<DynamicTest> everyRefusedRequestIsAnsweredAndChangesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Refusal refusal : refusals()) {
            for (Call call : calls()) {
                if (refusal.unsafeOnly() && !call.unsafe()) {
                    continue; // CSRF rules apply to writes only
                }
                tests.add(DynamicTest.dynamicTest("HTTP " + call.name() + " with " + refusal.name(), () -> {
                    Map<String, String> before = digest();
                    Http.Response r = call.http().apply(refusal.headers());
                    assertEquals(refusal.status(), r.status(), r.body());
                    if (call.name().startsWith("OFREP")) {
                        assertEquals("GENERAL", r.json().get("errorCode").asText(), r.body()); // OFREP's error shape
                    } else {
                        assertEquals(refusal.status() == 401 ? 16 : 7, r.json().get("code").asInt(), r.body());
                    }
                    assertEquals(before, digest(), "the database changed although the request was refused");
                }));
                if (call.grpc() != null && !refusal.httpOnly()) {
                    tests.add(DynamicTest.dynamicTest("gRPC " + call.name() + " with " + refusal.name(), () -> {
                        Map<String, String> before = digest();
                        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.grpc().accept(refusal.grpcAuthorization()));
                        assertEquals(refusal.status() == 401 ? Status.Code.UNAUTHENTICATED : Status.Code.PERMISSION_DENIED,
                                e.getStatus().getCode(), e.getStatus().toString());
                        assertEquals(before, digest(), "the database changed although the call was refused");
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** Hostile input from an authenticated caller: a Flipt JSON 400/404 naming the problem, no class names, nothing written. */
    @TestFactory
    Stream<DynamicTest> hostileInputIsAnsweredInFliptJsonAndChangesNothing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String[] a = bearer(admin);
        record Case(String name, int status, java.util.function.Supplier<Http.Response> call) {
        }
        List<Case> cases = List.of(
                new Case("a JSON array for an object", 400, () -> http.post("/api/v1/namespaces", "[]", a)),
                new Case("100k-deep arrays", 400, () -> http.post("/evaluate/v1/boolean", deep, a)),
                new Case("not JSON", 400, () -> http.post("/api/v1/namespaces", "not json", a)),
                new Case("duplicate keys", 400, () -> http.post("/api/v1/namespaces", "{\"key\":\"a\",\"key\":\"b\",\"name\":\"x\"}", a)),
                new Case("a 300-character name", 400, () -> http.post("/api/v1/namespaces", "{\"key\":\"long\",\"name\":\"" + "n".repeat(300) + "\"}", a)),
                new Case("a 1 MB metadata value", 400, () -> http.put("/api/v1/namespaces/default/flags/gate-flag",
                        "{\"name\":\"Gate\",\"metadata\":{\"k\":\"" + "m".repeat(1_000_000) + "\"}}", a)),
                new Case("a 5 MB namespace name", 400, () -> http.post("/api/v1/namespaces", "{\"key\":\"big\",\"name\":\"" + "n".repeat(5_000_000) + "\"}", a)),
                new Case("a year-300000 expiry", 400, () -> http.post("/auth/v1/method/token", "{\"name\":\"far\",\"expiresAt\":\"+300000-01-01T00:00:00Z\"}", a)),
                new Case("an encoded slash", 400, () -> http.get("/api/v1/namespaces%2Fdefault", a)),
                new Case("encoded dot segments", 400, () -> http.get("/api/v1/%2e%2e/auth/v1/tokens", a)),
                new Case("a malformed Basic header on a public route", 200, () -> http.get("/auth/v1/method", "Authorization", "Basic bm9jb2xvbg==")),
                new Case("text/plain JSON is read as JSON", 200, () -> http.send("POST", "/evaluate/v1/boolean",
                        "{\"namespaceKey\":\"default\",\"flagKey\":\"gate-flag\",\"entityId\":\"e\"}", "Authorization", "Bearer " + admin,
                        "Content-Type", "text/plain;charset=UTF-8")),
                new Case("an unknown route", 404, () -> http.get("/nothing/here", a)));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Map<String, String> before = digest();
            Http.Response r = c.call().get();
            assertEquals(c.status(), r.status(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON, not a container page");
            assertFalse(r.body().contains("Exception") || r.body().contains("RESTEASY") || r.body().contains("at com.") || r.body().contains("<html"),
                    "no internals: " + r.body());
            if (c.status() == 400) {
                assertEquals(3, r.json().get("code").asInt(), r.body());
            }
            assertEquals(before, digest(), "the database changed");
        }));
    }

    @Test
    void theDigestMovesWhenAGoodCallerWritesSoTheRefusalChecksCanFail() {
        Map<String, String> before = digest();
        ok(http.post("/api/v1/namespaces/default/segments", "{\"key\":\"gate-control\",\"name\":\"control\"}", bearer(admin)));
        Map<String, String> after = digest();
        assertNotEquals(before.get("segments"), after.get("segments"));
        ok(http.delete("/api/v1/namespaces/default/segments/gate-control", bearer(admin)));
    }

    @Test
    void aSessionCookieWithItsCsrfTokenAndAScopedTokenInItsNamespaceDoWrite() {
        Http.Response info = http.get("/meta/info", "Cookie", "flipt_client_token=" + admin);
        String csrf = info.headers().firstValue("X-CSRF-Token").orElseThrow();
        ok(http.post("/api/v1/namespaces/default/segments", "{\"key\":\"gate-cookie\",\"name\":\"x\"}",
                "Cookie", "flipt_client_token=" + admin, "X-CSRF-Token", csrf));
        assertEquals(200, http.get("/api/v1/namespaces/default/segments/gate-cookie", bearer(admin)).status());
        ok(http.post("/api/v1/namespaces/team-a/segments", "{\"key\":\"gate-scoped\",\"name\":\"x\"}", bearer(scoped)));
        assertEquals(200, http.get("/api/v1/namespaces/team-a/segments/gate-scoped", bearer(admin)).status());
    }

    @Test
    void theServerNamesNoGrpcInterceptorYetRefusesProtectedRpcsAsAPlainWarDeploymentMust() throws Exception {
        // The server.xml this very server runs with, as the runnable jar extracted it.
        Path serverXml;
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("flagpost.it.dir", "target/it-servers"), "gate"))) {
            serverXml = files.filter(p -> p.endsWith(Path.of("usr", "servers", "flagpost", "server.xml"))).findFirst().orElseThrow();
        }
        assertFalse(Files.readString(serverXml).contains("serverInterceptors="), "the server's own server.xml must not be what makes gRPC safe");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.with(FliptGrpc.newBlockingStub(channel()), null)
                .createNamespace(CreateNamespaceRequest.newBuilder().setKey("plain-war").setName("x").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(404, http.get("/api/v1/namespaces/plain-war", bearer(admin)).status());
    }

    private ManagedChannel channel() {
        return GrpcClients.channel(server.grpcPort());
    }

    private static void ok(Http.Response r) {
        assertTrue(r.status() == 200, r.status() + " " + r.body());
    }

    /** One MD5 per table over all its rows, read straight from PostgreSQL. */
    private static Map<String, String> digest() {
        String schema = Servers.gateSchema();
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name NOT IN ('flyway_schema_history', 'cleanup_leases') ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("authentications") && tables.contains("flags"), "unexpected tables: " + tables);
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "
                        + schema + "." + t + " x")) {
                    rs.next();
                    out.put(t, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the gate server's database: " + e, e);
        }
        return out;
    }
}
