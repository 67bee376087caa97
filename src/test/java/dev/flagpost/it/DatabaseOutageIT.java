package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running server: credentials that cannot be checked get 503 (code 14),
 * cookies are kept, readiness goes DOWN, and everything recovers without a restart.
 */
class DatabaseOutageIT {

    @Test
    void databaseDownMeans503ThenRecoveryWithoutRestart() {
        FlagpostServer server = Servers.postgres();
        Http http = new Http(server);
        String bootstrap = server.bootstrapToken();
        // Never used, so never cached: checking them needs the database.
        String[] viaHeader = http.createToken(bootstrap, "{\"name\":\"outage-header\"}");
        String[] viaCookie = http.createToken(bootstrap, "{\"name\":\"outage-cookie\"}");
        // A token in use before the outage: cached, so its evaluations run on gRPC's event loop.
        http.post("/api/v1/namespaces/default/flags", "{\"key\":\"outage-flag\",\"name\":\"x\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}",
                bearer(bootstrap));
        var evaluation = dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort()));
        var request = dev.flagpost.grpc.evaluation.v1.EvaluationRequest.newBuilder().setFlagKey("outage-flag").setEntityId("e").build();
        assertTrue(GrpcClients.with(evaluation, "Bearer " + bootstrap).boolean_(request).getEnabled());
        PostgresControl.stopImmediately();
        try {
            // gRPC port: while a token that was never checked waits for the database (on a pool thread,
            // to end UNAVAILABLE), the cached caller keeps evaluating from memory on the event loop, on time.
            // (The cache keeps a token 10 s; it was written just before the stop.)
            var pending = dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc.newFutureStub(GrpcClients.channel(server.grpcPort()))
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(authorization(viaHeader[0])))
                    .boolean_(request);
            for (int i = 0; i < 20; i++) {
                assertTrue(GrpcClients.with(evaluation, "Bearer " + bootstrap)
                        .withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS).boolean_(request).getEnabled());
            }
            var unchecked = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> pending.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(io.grpc.Status.Code.UNAVAILABLE, io.grpc.Status.fromThrowable(unchecked.getCause()).getCode());

            Http.Response r = http.get("/api/v1/_probe", bearer(viaHeader[0]));
            assertEquals(503, r.status(), r.body());
            assertEquals(14, r.json().get("code").asInt());
            assertTrue(r.json().get("message").asText().contains("unavailable"));

            Http.Response c = http.get("/api/v1/_probe", "Cookie", "flipt_client_token=" + viaCookie[0]);
            assertEquals(503, c.status(), c.body());
            assertTrue(c.setCookies().isEmpty(), "a 503 never clears the session cookie: " + c.setCookies());

            assertEquals(503, http.get("/health/ready").status());

            Http.Response write = http.post("/api/v1/namespaces", "{\"key\":\"outage-write\",\"name\":\"x\"}", bearer(viaHeader[0]));
            assertEquals(503, write.status(), write.body());
        } finally {
            PostgresControl.start();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (http.get("/api/v1/_probe", bearer(viaHeader[0])).status() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the server did not recover after PostgreSQL came back");
            FlagpostServer.sleep(250);
        }
        assertEquals(200, http.get("/api/v1/_probe", "Cookie", "flipt_client_token=" + viaCookie[0]).status());
        assertEquals(200, http.get("/health/ready").status());
        assertEquals(404, http.get("/api/v1/namespaces/outage-write", bearer(bootstrap)).status(), "the refused write did not happen");
    }

    private static io.grpc.Metadata authorization(String token) {
        io.grpc.Metadata m = new io.grpc.Metadata();
        m.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return m;
    }
}
