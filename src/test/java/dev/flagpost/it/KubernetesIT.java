package dev.flagpost.it;

import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.ATTACKER;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.RSA;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.claims;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Empty;
import dev.flagpost.authn.method.kubernetes.KubernetesFixtures.DiscoveryServer;
import dev.flagpost.authn.method.kubernetes.KubernetesFixtures.TestCa;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodKubernetesServiceGrpc;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.VerifyServiceAccountRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Kubernetes method on a running server against a loopback "API server": TLS discovery and
 * JWKS with a certificate from a test CA (the only trust anchor, given as ca_path), an issuer that
 * is not the discovery URL (as on EKS), and a Bearer check on every discovery request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesIT {
    static final String PATH = "/auth/v1/method/kubernetes/serviceaccount";
    static final TestCa CA = new TestCa("it-cluster-ca");
    static final String OWN_TOKEN = "flagpost-sa-" + UUID.randomUUID();
    static Path caFile;
    static DiscoveryServer cluster;
    static FlagpostServer server;
    /** A second server whose discovery URL starts out dead: outage, wrong CA, recovery. */
    static FlagpostServer outageServer;
    static int outagePort;
    static DiscoveryServer outageCluster;

    @BeforeAll
    static void start() throws Exception {
        // `mvn test -Dtest='Kubernetes*'` matches this class too; it needs the jar and failsafe's settings.
        Assumptions.assumeTrue(System.getProperty("flagpost.it.dir") != null,
                "integration test: run with mvn verify -Dit.test=KubernetesIT");
        Path dir = Files.createTempDirectory("flagpost-k8s-it");
        caFile = CA.writePem(dir.resolve("ca.crt"));
        Path token = Files.writeString(dir.resolve("token"), OWN_TOKEN + "\n");
        cluster = new DiscoveryServer(CA.issueServer(), 0, OWN_TOKEN, RSA);
        try (ServerSocket s = new ServerSocket(0)) {
            outagePort = s.getLocalPort();
        }
        String config = """
                authentication:
                  required: true
                  methods:
                    kubernetes:
                      enabled: true
                      discovery_url: "${env:IT_K8S_URL}"
                      ca_path: "${env:IT_K8S_CA}"
                      service_account_token_path: "${env:IT_K8S_TOKEN}"
                      audiences: [flagpost]
                      allowed_namespaces: [payments]
                      allowed_service_accounts: [ci/deployer]
                """;
        Map<String, String> env = Map.of("IT_K8S_CA", caFile.toString(), "IT_K8S_TOKEN", token.toString());
        server = FlagpostServer.shared("k8s", config, with(env, "IT_K8S_URL", cluster.url()));
        outageServer = FlagpostServer.shared("k8s-outage", config, with(env, "IT_K8S_URL", "https://127.0.0.1:" + outagePort));
    }

    static Map<String, String> with(Map<String, String> env, String key, String value) {
        var m = new java.util.HashMap<>(env);
        m.put(key, value);
        return m;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (outageServer != null) {
            outageServer.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (outageCluster != null) {
            outageCluster.close();
        }
    }

    static String saToken(String namespace, String account) {
        return sign(RSA, claims(Instant.now(), namespace, account).build());
    }

    static Http.Response exchange(FlagpostServer s, String token) {
        return new Http(s).post(PATH, "{\"serviceAccountToken\":\"" + token + "\"}");
    }

    static void assert401(Http.Response r) {
        assertEquals(401, r.status(), r.body());
        assertEquals(16, r.json().get("code").asInt());
        assertEquals("request was not authenticated", r.json().get("message").asText());
        assertTrue(r.json().get("details").isArray());
    }

    static Status.Code grpcExchange(FlagpostServer s, String token) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.with(
                AuthenticationMethodKubernetesServiceGrpc.newBlockingStub(GrpcClients.channel(s.grpcPort())), null)
                .verifyServiceAccount(VerifyServiceAccountRequest.newBuilder().setServiceAccountToken(token).build()));
        return e.getStatus().getCode();
    }

    @Test
    void aValidServiceAccountTokenBecomesAClientTokenThatWorksOverHttpAndGrpc() {
        Instant now = Instant.now();
        String sa = sign(RSA, claims(now, "payments", "checkout").build());
        Http.Response r = exchange(server, sa);
        assertEquals(200, r.status(), r.body());
        String clientToken = r.json().get("clientToken").asText();
        JsonNode a = r.json().get("authentication");
        assertEquals("METHOD_KUBERNETES", a.get("method").asText());
        assertEquals(now.plusSeconds(3600).getEpochSecond(), Instant.parse(a.get("expiresAt").asText()).getEpochSecond(),
                "the client token expires with the service account token");
        assertEquals("payments", a.get("metadata").get("io.flipt.auth.k8s.namespace").asText());
        assertEquals("checkout", a.get("metadata").get("io.flipt.auth.k8s.serviceaccount.name").asText());
        assertEquals("checkout-7d4b9c-x2x5q", a.get("metadata").get("io.flipt.auth.k8s.pod.name").asText());

        Http.Response self = new Http(server).get("/auth/v1/self", Http.bearer(clientToken));
        assertEquals(200, self.status(), self.body());
        assertEquals(a.get("id").asText(), self.json().get("id").asText());
        var grpcSelf = GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "Bearer " + clientToken)
                .getAuthenticationSelf(Empty.getDefaultInstance());
        assertEquals(a.get("id").asText(), grpcSelf.getId());
        assertEquals(0, cluster.badBearer.get(), "discovery and JWKS were asked with the server's own token");
    }

    @Test
    void theGrpcTwinAndTheSnakeCaseFieldExchangeAServiceAccountToken() {
        var resp = GrpcClients.with(AuthenticationMethodKubernetesServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), null)
                .verifyServiceAccount(VerifyServiceAccountRequest.newBuilder().setServiceAccountToken(saToken("ci", "deployer")).build());
        assertEquals("deployer", resp.getAuthentication().getMetadataMap().get("io.flipt.auth.k8s.serviceaccount.name"));
        assertEquals(200, new Http(server).get("/auth/v1/self", Http.bearer(resp.getClientToken())).status());

        Http.Response snake = new Http(server).post(PATH, "{\"service_account_token\":\"" + saToken("payments", "x") + "\"}");
        assertEquals(200, snake.status(), snake.body());
    }

    @Test
    void expiredServiceAccountTokenIsRejectedWith401() {
        Instant past = Instant.now().minusSeconds(7200);
        String expired = sign(RSA, claims(past, "payments", "checkout").build());
        assert401(exchange(server, expired));
        assertEquals(Status.Code.UNAUTHENTICATED, grpcExchange(server, expired));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejectedWith401() {
        String token = sign(RSA, claims(Instant.now(), "payments", "checkout").issuer(cluster.url()).build());
        assert401(exchange(server, token));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejectedWith401() {
        assert401(exchange(server, sign(ATTACKER, claims(Instant.now(), "payments", "checkout").build())));
        assertEquals(Status.Code.UNAUTHENTICATED, grpcExchange(server, sign(ATTACKER, claims(Instant.now(), "payments", "checkout").build())));
    }

    @Test
    void aServiceAccountOutsideTheAllowListsIsRejectedWith401() {
        assert401(exchange(server, saToken("default", "default")));
        assert401(exchange(server, saToken("ci", "other")));
    }

    @Test
    void aTokenForAnotherAudienceIsRejectedWith401() {
        assert401(exchange(server, sign(RSA, claims(Instant.now(), "payments", "checkout").audience("vault").build())));
    }

    @Test
    void aMissingServiceAccountTokenIs400() {
        Http.Response r = new Http(server).post(PATH, "{}");
        assertEquals(400, r.status(), r.body());
        assertEquals(3, r.json().get("code").asInt());
        assertEquals(Status.Code.INVALID_ARGUMENT, grpcExchange(server, ""));
    }

    @Test
    void theMethodListingShowsKubernetesEnabled() {
        Http.Response r = new Http(server).get("/auth/v1/method");
        assertEquals(200, r.status(), r.body());
        boolean enabled = false;
        for (JsonNode m : r.json().get("methods")) {
            if (m.get("method").asText().equals("METHOD_KUBERNETES")) {
                enabled = m.get("enabled").asBoolean();
            }
        }
        assertTrue(enabled, r.body());
    }

    @Test
    @Order(1)
    void aDiscoveryServerThatIsDownIs503NamingDiscoveryUrlAndCaPath() {
        Http.Response r = exchange(outageServer, saToken("payments", "checkout"));
        assertEquals(503, r.status(), r.body());
        assertEquals(14, r.json().get("code").asInt());
        String message = r.json().get("message").asText();
        assertTrue(message.contains("https://127.0.0.1:" + outagePort) && message.contains(caFile.toString()), message);
        assertEquals(Status.Code.UNAVAILABLE, grpcExchange(outageServer, saToken("payments", "checkout")));
    }

    @Test
    @Order(2)
    void aServerCertificateFromAnotherCaIs503NamingDiscoveryUrlAndCaPath() throws Exception {
        outageCluster = new DiscoveryServer(new TestCa("not-the-cluster-ca").issueServer(), outagePort, OWN_TOKEN, RSA);
        // Failures are remembered for 5 s (no outbound call per login during an outage): wait for a fresh attempt.
        Http.Response r = awaitMessage(outageServer, "SSL");
        assertEquals(503, r.status(), r.body());
        String message = r.json().get("message").asText();
        assertTrue(message.contains("https://127.0.0.1:" + outagePort) && message.contains(caFile.toString()), message);
        assertEquals(0, outageCluster.hits.get(), "nothing was sent to a server the CA did not vouch for");
    }

    @Test
    @Order(3)
    void theMethodRecoversWhenTheClusterIsBack() throws Exception {
        if (outageCluster != null) {
            outageCluster.close();
        }
        outageCluster = new DiscoveryServer(CA.issueServer(), outagePort, OWN_TOKEN, RSA);
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Response r;
        do {
            r = exchange(outageServer, saToken("payments", "checkout"));
            if (r.status() == 200) {
                break;
            }
            FlagpostServer.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        assertEquals(200, r.status(), r.body());
        assertEquals(200, new Http(outageServer).get("/auth/v1/self", Http.bearer(r.json().get("clientToken").asText())).status());
    }

    private static Http.Response awaitMessage(FlagpostServer s, String part) {
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Response r;
        do {
            r = exchange(s, saToken("payments", "checkout"));
            if (r.status() == 503 && r.json().get("message").asText().contains(part)) {
                return r;
            }
            FlagpostServer.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        return r;
    }
}
