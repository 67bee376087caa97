package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Empty;
import com.nimbusds.jose.JWSAlgorithm;
import dev.flagpost.authn.method.jwt.JwtFixtures;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT method on a running server, keys from a JWKS endpoint, over HTTP and gRPC. */
class JwtIT {
    static JwtFixtures.JwksServer jwks;
    static FlagpostServer server;

    @BeforeAll
    static void start() throws Exception {
        jwks = new JwtFixtures.JwksServer(JwtFixtures.publicSet(JwtFixtures.RSA));
        server = Servers.withJwt("jwt", jwks.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
        jwks.close();
    }

    static String jwt() {
        return JwtFixtures.sign(JwtFixtures.RSA, JWSAlgorithm.RS256, JwtFixtures.claims(Instant.now())
                .claim("user", Map.of("email", "svc@example.com")).build());
    }

    @Test
    void aValidJwtAuthenticatesOverHttpAsTheJwtMethod() {
        Http.Response self = new Http(server).get("/auth/v1/self", "Authorization", "JWT " + jwt());
        assertEquals(200, self.status(), self.body());
        assertEquals("METHOD_JWT", self.json().get("method").asText());
        assertEquals("svc@example.com", self.json().get("metadata").get("io.flipt.auth.jwt.email").asText());
        assertEquals(200, new Http(server).get("/api/v1/namespaces", "Authorization", "JWT " + jwt()).status());
    }

    @Test
    void aValidJwtAuthenticatesOverGrpc() {
        var self = GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "JWT " + jwt())
                .getAuthenticationSelf(Empty.getDefaultInstance());
        assertEquals("jwt:svc-1", self.getId());
    }

    @Test
    void hostileJwtsAre401AndUnauthenticated() {
        String none = JwtFixtures.b64("{\"alg\":\"none\"}") + "." + JwtFixtures.b64(JwtFixtures.claims(Instant.now()).build().toString()) + ".";
        assertEquals(401, new Http(server).get("/auth/v1/self", "Authorization", "JWT " + none).status());
        assertEquals(401, new Http(server).get("/auth/v1/self", "Authorization", "Bearer " + jwt()).status(), "a JWT is not a client token");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "JWT " + none)
                        .getAuthenticationSelf(Empty.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aStatelessJwtCannotBeExpiredThroughTheApi() {
        Http.Response r = new Http(server).put("/auth/v1/self/expire", null, "Authorization", "JWT " + jwt());
        assertEquals(400, r.status(), r.body());
        assertEquals(9, r.json().get("code").asInt());
    }
}
