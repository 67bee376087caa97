package dev.flagpost.authn.method.kubernetes;

import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.ATTACKER;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.ISSUER;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.P256;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.RSA;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.claims;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.kubernetes.KubernetesFixtures.DiscoveryServer;
import dev.flagpost.authn.method.kubernetes.KubernetesFixtures.TestCa;
import dev.flagpost.authn.method.kubernetes.ServiceAccountVerifier.Outcome;
import dev.flagpost.authn.method.kubernetes.ServiceAccountVerifier.Rejected;
import dev.flagpost.authn.method.kubernetes.ServiceAccountVerifier.Unavailable;
import dev.flagpost.authn.method.kubernetes.ServiceAccountVerifier.Verified;
import dev.flagpost.testing.MutableClock;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against a real TLS discovery server (test CA), with a clock the tests move. */
class KubernetesServiceAccountVerifierTest {
    static final TestCa CA = new TestCa("test-cluster-ca");
    static DiscoveryServer cluster;
    static Path caFile;
    static Path tokenFile;
    @TempDir
    static Path dir;

    Instant now;
    MutableClock clock;

    @BeforeAll
    static void startCluster() throws Exception {
        caFile = CA.writePem(dir.resolve("ca.crt"));
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "flagpost-own-sa-token\n");
        cluster = new DiscoveryServer(CA.issueServer(), 0, "flagpost-own-sa-token", RSA, P256);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void reset() throws Exception {
        now = Instant.now();
        clock = new MutableClock(now);
        cluster.keys = KubernetesFixtures.publicSet(RSA, P256);
        cluster.issuer = ISSUER;
        cluster.expectedBearer = "flagpost-own-sa-token";
        Files.writeString(tokenFile, "flagpost-own-sa-token\n");
    }

    KubernetesMethodConfig config(List<String> audiences, List<String> namespaces, List<String> accounts) {
        return config(cluster.url(), caFile, audiences, namespaces, accounts);
    }

    static KubernetesMethodConfig config(String url, Path ca, List<String> audiences, List<String> namespaces, List<String> accounts) {
        return new KubernetesMethodConfig(true, url, ca.toString(), tokenFile.toString(), audiences, namespaces, accounts, CleanupConfig.DEFAULT);
    }

    ServiceAccountVerifier verifier() {
        return verifier(config(List.of(), List.of(), List.of()));
    }

    ServiceAccountVerifier verifier(KubernetesMethodConfig config) {
        return new ServiceAccountVerifier(config, clock);
    }

    String token(String namespace, String account) {
        return sign(RSA, claims(now, namespace, account).build());
    }

    @Test
    void aValidServiceAccountTokenIsVerifiedWithFliptsMetadata() {
        var ok = assertInstanceOf(Verified.class, verifier().verify(token("payments", "checkout")));
        assertEquals(Map.of(
                "io.flipt.auth.k8s.namespace", "payments",
                "io.flipt.auth.k8s.pod.name", "checkout-7d4b9c-x2x5q",
                "io.flipt.auth.k8s.pod.uid", "0b8a3e2c-pod-uid",
                "io.flipt.auth.k8s.serviceaccount.name", "checkout",
                "io.flipt.auth.k8s.serviceaccount.uid", "5d1c7f0e-sa-uid"), ok.account().metadata());
        assertEquals(now.plusSeconds(3600).getEpochSecond(), ok.account().expiresAt().getEpochSecond());
    }

    @Test
    void anEs256SignedTokenIsVerified() {
        assertInstanceOf(Verified.class, verifier().verify(sign(P256, claims(now, "payments", "checkout").build())));
    }

    @Test
    void aTokenNotBoundToAPodHasNoPodMetadata() {
        JWTClaimsSet c = claims(now, "ci", "deployer").claim("kubernetes.io",
                Map.of("namespace", "ci", "serviceaccount", Map.of("name", "deployer", "uid", "u"))).build();
        var ok = assertInstanceOf(Verified.class, verifier().verify(sign(RSA, c)));
        assertEquals(List.of("io.flipt.auth.k8s.namespace", "io.flipt.auth.k8s.serviceaccount.name", "io.flipt.auth.k8s.serviceaccount.uid"),
                List.copyOf(ok.account().metadata().keySet()));
    }

    @Test
    void expiredServiceAccountTokenIsRejected() {
        String token = token("payments", "checkout");
        clock.advance(Duration.ofSeconds(3601));
        assertInstanceOf(Rejected.class, verifier().verify(token));
    }

    @Test
    void aTokenNotYetValidBeyondTheLeewayIsRejectedWithinItAccepted() {
        JWTClaimsSet soon = claims(now, "payments", "checkout").notBeforeTime(java.util.Date.from(now.plusSeconds(30))).build();
        JWTClaimsSet later = claims(now, "payments", "checkout").notBeforeTime(java.util.Date.from(now.plusSeconds(120))).build();
        assertInstanceOf(Verified.class, verifier().verify(sign(RSA, soon)));
        assertInstanceOf(Rejected.class, verifier().verify(sign(RSA, later)));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        for (String iss : List.of("https://kubernetes.default.svc.cluster.local", ISSUER + "/", cluster.url())) {
            String token = sign(RSA, claims(now, "payments", "checkout").issuer(iss).build());
            assertInstanceOf(Rejected.class, verifier().verify(token), iss);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderAKnownKidIsRejected() {
        assertInstanceOf(Rejected.class, verifier().verify(sign(ATTACKER, claims(now, "payments", "checkout").build())));
    }

    @Test
    void algorithmsOutsideTheAllowListAreRejectedWithoutAnOutboundCall() throws Exception {
        ServiceAccountVerifier v = verifier();
        int before = cluster.hits.get();
        JWTClaimsSet c = claims(now, "payments", "checkout").build();
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c);
        hs.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
        String none = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(c.toString().getBytes(StandardCharsets.UTF_8)) + ".";
        RSAKey rs = RSA;
        String rs512 = sign(rs, new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(rs.getKeyID()).build(), c);
        for (String t : List.of(hs.serialize(), none, rs512, "not.a.jwt", "x".repeat(20_000))) {
            assertInstanceOf(Rejected.class, v.verify(t));
        }
        assertEquals(before, cluster.hits.get(), "no discovery for tokens that cannot pass");
    }

    @Test
    void aJwtWithoutTheKubernetesClaimIsRejected() {
        JWTClaimsSet c = new JWTClaimsSet.Builder(claims(now, "payments", "checkout").build()).claim("kubernetes.io", null).build();
        assertInstanceOf(Rejected.class, verifier().verify(sign(RSA, c)));
    }

    @Test
    void namespacesAndServiceAccountsOutsideTheAllowListsAreRejected() {
        ServiceAccountVerifier v = verifier(config(List.of(), List.of("payments"), List.of("ci/deployer")));
        assertInstanceOf(Verified.class, v.verify(token("payments", "anyone")));
        assertInstanceOf(Verified.class, v.verify(token("ci", "deployer")));
        assertInstanceOf(Rejected.class, v.verify(token("ci", "other")));
        assertInstanceOf(Rejected.class, v.verify(token("default", "default")));
    }

    @Test
    void aTokenForAnotherAudienceIsRejectedWhenAudiencesAreConfigured() {
        ServiceAccountVerifier v = verifier(config(List.of("flagpost"), List.of(), List.of()));
        assertInstanceOf(Verified.class, v.verify(token("payments", "checkout")));
        assertInstanceOf(Rejected.class, v.verify(sign(RSA, claims(now, "payments", "checkout").audience("vault").build())));
        assertInstanceOf(Rejected.class, v.verify(sign(RSA, claims(now, "payments", "checkout").audience((String) null).build())));
    }

    @Test
    void discoveryAndKeysAreCachedAndFetchedAgainAfterFiveMinutes() {
        ServiceAccountVerifier v = verifier();
        int before = cluster.hits.get();
        v.verify(token("payments", "checkout"));
        v.verify(token("payments", "checkout"));
        assertEquals(before + 2, cluster.hits.get(), "one discovery document and one key set");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        now = clock.instant();
        assertInstanceOf(Verified.class, v.verify(token("payments", "checkout")));
        assertEquals(before + 4, cluster.hits.get());
    }

    @Test
    void anUnknownKidRefreshesTheKeysAtMostOncePer30Seconds() throws Exception {
        ServiceAccountVerifier v = verifier();
        v.verify(token("payments", "checkout"));
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("sa-rsa-2").generate();
        String unknown = sign(rotated, claims(now, "payments", "checkout").build());
        int before = cluster.hits.get();
        assertInstanceOf(Rejected.class, v.verify(unknown), "too soon after the first fetch");
        assertEquals(before, cluster.hits.get());
        clock.advance(Duration.ofSeconds(31));
        cluster.keys = KubernetesFixtures.publicSet(RSA, rotated);
        assertInstanceOf(Verified.class, v.verify(unknown), "the rotated key is fetched");
        String other = sign(new RSAKeyGenerator(2048).keyID("sa-rsa-3").generate(), claims(now, "payments", "checkout").build());
        int after = cluster.hits.get();
        assertInstanceOf(Rejected.class, v.verify(other));
        assertInstanceOf(Rejected.class, v.verify(other));
        assertEquals(after, cluster.hits.get(), "no second refresh within 30 s");
    }

    @Test
    void theOwnServiceAccountTokenIsReadAgainForEachDiscovery() throws Exception {
        ServiceAccountVerifier v = verifier();
        assertInstanceOf(Verified.class, v.verify(token("payments", "checkout")));
        Files.writeString(tokenFile, "rotated-by-kubelet");
        cluster.expectedBearer = "rotated-by-kubelet";
        clock.advance(Duration.ofMinutes(6));
        now = clock.instant();
        assertInstanceOf(Verified.class, v.verify(token("payments", "checkout")));
    }

    @Test
    void aServerCertificateFromAnotherCaIsUnavailableNamingDiscoveryUrlAndCaPath() throws Exception {
        Path otherCa = new TestCa("someone-else").writePem(dir.resolve("other-ca.crt"));
        var u = assertInstanceOf(Unavailable.class, verifier(config(cluster.url(), otherCa, List.of(), List.of(), List.of()))
                .verify(token("payments", "checkout")));
        assertTrue(u.message().contains(cluster.url()) && u.message().contains(otherCa.toString()), u.message());
    }

    @Test
    void anUnreachableDiscoveryUrlIsUnavailableNamingDiscoveryUrlAndCaPath() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceAccountVerifier v = verifier(config("https://127.0.0.1:" + port, caFile, List.of(), List.of(), List.of()));
        var u = assertInstanceOf(Unavailable.class, v.verify(token("payments", "checkout")));
        assertTrue(u.message().contains("https://127.0.0.1:" + port) && u.message().contains(caFile.toString()), u.message());
    }

    @Test
    void aDiscoveryThatRefusesOurBearerIsUnavailableAndAskedAgainOnlyAfterFiveSeconds() {
        cluster.expectedBearer = "something-else";
        ServiceAccountVerifier v = verifier();
        int bad = cluster.badBearer.get();
        var u = assertInstanceOf(Unavailable.class, v.verify(token("payments", "checkout")));
        assertTrue(u.message().contains("401"), u.message());
        assertInstanceOf(Unavailable.class, v.verify(token("payments", "checkout")));
        assertEquals(bad + 1, cluster.badBearer.get(), "an outage does not turn every login into an outbound call");
        cluster.expectedBearer = "flagpost-own-sa-token";
        clock.advance(Duration.ofSeconds(6));
        assertInstanceOf(Verified.class, v.verify(token("payments", "checkout")), "recovers by itself");
    }

    @Test
    void theDiscoveredIssuerIsTheOnlyOneAccepted() {
        cluster.issuer = "https://issuer.example.com";
        Outcome o = verifier().verify(token("payments", "checkout"));
        assertInstanceOf(Rejected.class, o, "the token says " + ISSUER);
    }
}
