package dev.flagpost.authn.method.jwt;

import static dev.flagpost.authn.method.jwt.JwtFixtures.ATTACKER;
import static dev.flagpost.authn.method.jwt.JwtFixtures.ED25519;
import static dev.flagpost.authn.method.jwt.JwtFixtures.P256;
import static dev.flagpost.authn.method.jwt.JwtFixtures.P521;
import static dev.flagpost.authn.method.jwt.JwtFixtures.RSA;
import static dev.flagpost.authn.method.jwt.JwtFixtures.b64;
import static dev.flagpost.authn.method.jwt.JwtFixtures.claims;
import static dev.flagpost.authn.method.jwt.JwtFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Resolution;
import dev.flagpost.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8725 / SECURITY.md's hostile JWT list: every case is a plain 401, with no outbound call. */
class JwtAuthenticatorTest {
    static final Instant NOW = Instant.now();
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final JwtMethodConfig CONFIG = new JwtMethodConfig(true, "http://127.0.0.1:1/unused", null, "https://idp.example.com", null,
            List.of("flagpost"), List.of(), Map.of("team", "/org/team"), Duration.ofMinutes(5));
    static final JwtAuthenticator AUTH = new JwtAuthenticator(CONFIG,
            new ImmutableJWKSet<>(JwtFixtures.publicSet(RSA, P256, P521, ED25519)), CLOCK);

    static JWTClaimsSet valid() {
        return claims(NOW).build();
    }

    @ParameterizedTest
    @MethodSource("allowedAlgorithms")
    void tokensSignedWithAnAllowedAlgorithmAndAConfiguredKeyAreAccepted(String name, String token) {
        var ok = assertInstanceOf(Resolution.Authenticated.class, AUTH.authenticate(token), name);
        assertEquals("jwt:svc-1", ok.authentication().id());
    }

    static Stream<Arguments> allowedAlgorithms() {
        return Stream.of(
                Arguments.of("RS256", sign(RSA, JWSAlgorithm.RS256, valid())),
                Arguments.of("RS512", sign(RSA, JWSAlgorithm.RS512, valid())),
                Arguments.of("ES256", sign(P256, JWSAlgorithm.ES256, valid())),
                Arguments.of("ES512", sign(P521, JWSAlgorithm.ES512, valid())),
                Arguments.of("EdDSA", sign(ED25519, JWSAlgorithm.EdDSA, valid())));
    }

    @Test
    void fliptMetadataComesFromIssuerTheUserClaimAndTheMapping() {
        JWTClaimsSet c = claims(NOW).claim("user", Map.of("email", "a@example.com", "image", "https://img", "name", "Ann", "role", "admin", "sub", "u1"))
                .claim("io.flipt.auth.custom", "x").claim("org", Map.of("team", "core")).build();
        Authentication a = ((Resolution.Authenticated) AUTH.authenticate(sign(RSA, JWSAlgorithm.RS256, c))).authentication();
        assertEquals("https://idp.example.com", a.metadata().get("io.flipt.auth.jwt.issuer"));
        assertEquals("a@example.com", a.metadata().get("io.flipt.auth.jwt.email"));
        assertEquals("https://img", a.metadata().get("io.flipt.auth.jwt.picture"));
        assertEquals("admin", a.metadata().get("io.flipt.auth.jwt.role"));
        assertEquals("x", a.metadata().get("io.flipt.auth.custom"));
        assertEquals("core", a.metadata().get("io.flipt.auth.jwt.team"));
        assertEquals(c.getExpirationTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), a.expiresAt(), "JWT times are whole seconds");
    }

    static String header(String json) {
        return b64(json);
    }

    static String payload() {
        return b64(valid().toString());
    }

    static String validRs256() {
        return sign(RSA, JWSAlgorithm.RS256, valid());
    }

    static Stream<Arguments> hostile() throws Exception {
        String good = validRs256();
        String[] parts = good.split("\\.");
        // HS256 "signed" with the RSA public key bytes: the classic key confusion.
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), valid());
        hs.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
        // JWE where a JWS is expected.
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), valid());
        jwe.encrypt(new RSAEncrypter(RSA.toRSAPublicKey()));
        String es = sign(P256, JWSAlgorithm.ES256, valid());
        String esInput = es.substring(0, es.lastIndexOf('.'));
        byte[] concat = Base64URL.from(es.substring(es.lastIndexOf('.') + 1)).decode();
        byte[] der = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(concat);
        return Stream.of(
                Arguments.of("alg none", header("{\"alg\":\"none\"}") + "." + payload() + "."),
                Arguments.of("alg None", header("{\"alg\":\"None\"}") + "." + payload() + "."),
                Arguments.of("alg NONE with signature", header("{\"alg\":\"NONE\"}") + "." + payload() + "." + parts[2]),
                Arguments.of("alg nOnE", header("{\"alg\":\"nOnE\",\"typ\":\"JWT\"}") + "." + payload() + "."),
                Arguments.of("HS256 with the public key as secret", hs.serialize()),
                Arguments.of("RS384 (valid key, not allowed)", sign(RSA, JWSAlgorithm.RS384, valid())),
                Arguments.of("PS256 (valid key, not allowed)", sign(RSA, JWSAlgorithm.PS256, valid())),
                Arguments.of("ES256 header over an RSA signature", header("{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}") + "." + parts[1] + "." + parts[2]),
                Arguments.of("ES512 header, P-256 key", sign(P256, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-521").build(), valid())
                        .replaceFirst("^[^.]+", header("{\"alg\":\"ES512\",\"kid\":\"ec-521\"}"))),
                Arguments.of("kid path traversal", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("../../../../etc/passwd").build(), valid())),
                Arguments.of("kid SQL", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("' OR '1'='1").build(), valid())),
                Arguments.of("kid huge", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k".repeat(4000)).build(), valid())),
                Arguments.of("kid NUL", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1\u0000").build(), valid())),
                Arguments.of("attacker key, our kid", sign(ATTACKER, JWSAlgorithm.RS256, valid())),
                Arguments.of("embedded jwk (attacker)", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(ATTACKER.toPublicJWK()).build(), valid())),
                Arguments.of("jku to attacker", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).jwkURL(URI.create("http://127.0.0.1:9/jwks")).build(), valid())),
                Arguments.of("x5u to attacker", sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertURL(URI.create("http://127.0.0.1:9/x5u")).build(), valid())),
                Arguments.of("unknown crit", sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                        .criticalParams(java.util.Set.of("exp-custom")).customParam("exp-custom", 1).build(), valid())),
                Arguments.of("stripped signature", parts[0] + "." + parts[1] + "."),
                Arguments.of("truncated signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() / 2)),
                Arguments.of("two parts", parts[0] + "." + parts[1]),
                Arguments.of("signature of another token", parts[0] + "." + b64(claims(NOW).subject("admin").build().toString()) + "." + parts[2]),
                Arguments.of("JWE", jwe.serialize()),
                Arguments.of("JSON serialization", "{\"payload\":\"" + parts[1] + "\",\"signatures\":[{\"protected\":\"" + parts[0]
                        + "\",\"signature\":\"" + parts[2] + "\"}]}"),
                Arguments.of("ES256 r=s=0", esInput + "." + Base64URL.encode(new byte[64])),
                Arguments.of("ES256 DER-encoded signature", esInput + "." + Base64URL.encode(der)),
                Arguments.of("exp as string", ed(b64("{\"iss\":\"https://idp.example.com\",\"aud\":\"flagpost\",\"sub\":\"s\",\"exp\":\"" + (NOW.getEpochSecond() + 300) + "\"}"))),
                Arguments.of("exp 1e309", ed(b64("{\"iss\":\"https://idp.example.com\",\"aud\":\"flagpost\",\"sub\":\"s\",\"exp\":1e309}"))),
                Arguments.of("duplicate claim keys", ed(b64("{\"iss\":\"https://idp.example.com\",\"aud\":\"flagpost\",\"sub\":\"s\",\"exp\":" + (NOW.getEpochSecond() + 300)
                        + ",\"exp\":" + (NOW.getEpochSecond() - 3600) + "}"))),
                Arguments.of("deep nesting", ed(b64("{\"iss\":\"https://idp.example.com\",\"aud\":\"flagpost\",\"exp\":" + (NOW.getEpochSecond() + 300)
                        + ",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))),
                Arguments.of("nested JWT", sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").contentType("JWT").build(), valid())),
                Arguments.of("expired beyond leeway", sign(RSA, JWSAlgorithm.RS256, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(61))).build())),
                Arguments.of("not yet valid beyond leeway", sign(RSA, JWSAlgorithm.RS256, claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(61))).build())),
                Arguments.of("issued in the future", sign(RSA, JWSAlgorithm.RS256, claims(NOW).issueTime(Date.from(NOW.plusSeconds(120))).build())),
                Arguments.of("no exp", sign(RSA, JWSAlgorithm.RS256, new JWTClaimsSet.Builder().issuer("https://idp.example.com").audience("flagpost").build())),
                Arguments.of("wrong audience", sign(RSA, JWSAlgorithm.RS256, claims(NOW).audience("someone-else").build())),
                Arguments.of("missing audience", sign(RSA, JWSAlgorithm.RS256, claims(NOW).audience((String) null).build())),
                Arguments.of("issuer with trailing slash", sign(RSA, JWSAlgorithm.RS256, claims(NOW).issuer("https://idp.example.com/").build())),
                Arguments.of("empty", ""),
                Arguments.of("garbage", "not.a.jwt"));
    }

    /** Signs a hand-written payload with Ed25519, so that the signature is valid and only the claims are hostile. */
    static String ed(String payloadB64) {
        return JwtFixtures.signEd25519(ED25519, header("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}") + "." + payloadB64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileTokensAreUnauthenticatedNeverAnError(String name, String token) {
        Resolution r = AUTH.authenticate(token);
        assertInstanceOf(Resolution.Unauthenticated.class, r, name + " -> " + r);
    }

    @Test
    void expiryWithinTheLeewayIsAccepted() {
        String token = sign(RSA, JWSAlgorithm.RS256, claims(NOW).expirationTime(Date.from(NOW.minusSeconds(30))).build());
        assertInstanceOf(Resolution.Authenticated.class, AUTH.authenticate(token));
    }

    @Test
    void aCachedTokenStillExpires() {
        MutableClock clock = new MutableClock(NOW);
        var auth = new JwtAuthenticator(CONFIG, new ImmutableJWKSet<>(JwtFixtures.publicSet(RSA)), clock);
        String token = sign(RSA, JWSAlgorithm.RS256, claims(NOW).expirationTime(Date.from(NOW.plusSeconds(10))).build());
        assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(token));
        clock.advance(Duration.ofSeconds(75));
        assertInstanceOf(Resolution.Unauthenticated.class, auth.authenticate(token));
    }

    @Test
    void jkuAndX5uAreNeverFetchedAndUnknownKidsRefreshTheJwksAtMostOncePerInterval() throws Exception {
        try (var jwks = new JwtFixtures.JwksServer(JwtFixtures.publicSet(RSA)); var attacker = new JwtFixtures.JwksServer(JwtFixtures.publicSet(ATTACKER))) {
            var cfg = new JwtMethodConfig(true, jwks.url(), null, null, null, List.of(), List.of(), Map.of(), Duration.ofMinutes(5));
            var auth = new JwtAuthenticator(cfg, JwtKeys.of(cfg), CLOCK);
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(validRs256()));
            int before = jwks.hits.get();
            for (int i = 0; i < 20; i++) {
                String t = sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-" + i)
                        .jwkURL(URI.create(attacker.url())).x509CertURL(URI.create(attacker.url())).build(), valid());
                assertInstanceOf(Resolution.Unauthenticated.class, auth.authenticate(t));
            }
            assertEquals(0, attacker.hits.get(), "jku/x5u are never followed");
            assertTrue(jwks.hits.get() - before <= 1, "unknown kids caused " + (jwks.hits.get() - before) + " JWKS fetches");
        }
    }

    @Test
    void aRotatedKeyIsAcceptedAfterOneRefetch() throws Exception {
        var rotated = JwtFixtures.generate(() -> new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("rsa-2").generate());
        try (var jwks = new JwtFixtures.JwksServer(JwtFixtures.publicSet(RSA))) {
            var cfg = new JwtMethodConfig(true, jwks.url(), null, null, null, List.of(), List.of(), Map.of(), Duration.ofMinutes(5));
            var auth = new JwtAuthenticator(cfg, JwtKeys.of(cfg), CLOCK);
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(validRs256()));
            jwks.keys = JwtFixtures.publicSet(RSA, rotated);
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(sign(rotated, JWSAlgorithm.RS256, valid())));
        }
    }

    @Test
    void aJwksOutageKeepsCachedKeysAndWithoutAnyKeysIsUnavailable() throws Exception {
        try (var jwks = new JwtFixtures.JwksServer(JwtFixtures.publicSet(RSA))) {
            var cfg = new JwtMethodConfig(true, jwks.url(), null, null, null, List.of(), List.of(), Map.of(), Duration.ofMinutes(5));
            var auth = new JwtAuthenticator(cfg, JwtKeys.of(cfg), CLOCK);
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(validRs256()));
            jwks.down = true;
            String other = sign(RSA, JWSAlgorithm.RS256, claims(NOW).subject("svc-2").build());
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(other), "cached keys survive the outage");

            var cold = new JwtAuthenticator(cfg, JwtKeys.of(cfg), CLOCK);
            assertInstanceOf(Resolution.Unavailable.class, cold.authenticate(other), "no keys could be fetched at all");
        }
    }

    @Test
    void publicKeyFilesInPemWorkForRsaEcAndEd25519(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (var key : List.of(RSA, P256, ED25519)) {
            java.nio.file.Path pem = dir.resolve(key.getKeyID() + ".pem");
            byte[] der = key instanceof com.nimbusds.jose.jwk.OctetKeyPair okp
                    ? new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519), okp.getDecodedX()).getEncoded()
                    : key instanceof com.nimbusds.jose.jwk.RSAKey r ? r.toRSAPublicKey().getEncoded() : ((com.nimbusds.jose.jwk.ECKey) key).toECPublicKey().getEncoded();
            java.nio.file.Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n");
            var cfg = new JwtMethodConfig(true, null, pem.toString(), null, null, List.of(), List.of(), Map.of(), Duration.ofMinutes(5));
            var auth = new JwtAuthenticator(cfg, CLOCK);
            JWSAlgorithm alg = key == RSA ? JWSAlgorithm.RS256 : key == P256 ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
            // No kid in the header: a PEM key has none, and any configured key of the right type may verify.
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(sign(key, new JWSHeader.Builder(alg).build(), valid())), key.getKeyID());
            // Most identity providers always send a kid: with a key file the configured key is the only candidate.
            assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(sign(key, new JWSHeader.Builder(alg).keyID("idp-key-7").build(),
                    valid())), key.getKeyID() + " with a kid");
            assertInstanceOf(Resolution.Unauthenticated.class, auth.authenticate(sign(ATTACKER, new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID("idp-key-7").build(), valid())), "an attacker's key with any kid is still refused");
        }
    }

    @Test
    void aJwtExpiringCenturiesAheadIsAcceptedAndCachedWithoutOverflow() {
        var claims = new JWTClaimsSet.Builder(valid()).expirationTime(Date.from(NOW.plus(Duration.ofDays(400L * 366)))).build();
        String token = sign(RSA, JWSAlgorithm.RS256, claims);
        var auth = new JwtAuthenticator(CONFIG, new ImmutableJWKSet<>(JwtFixtures.publicSet(RSA)), CLOCK);
        assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(token), "verified, then cached");
        assertInstanceOf(Resolution.Authenticated.class, auth.authenticate(token), "from the cache");
    }
}
