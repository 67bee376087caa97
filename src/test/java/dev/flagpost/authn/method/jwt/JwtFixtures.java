package dev.flagpost.authn.method.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Test-only keys (generated per run, never stored), token minting and a JWKS endpoint that counts its hits. */
public final class JwtFixtures {
    public static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    static final ECKey P256 = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-256").generate());
    static final ECKey P521 = generate(() -> new ECKeyGenerator(Curve.P_521).keyID("ec-521").generate());
    static final OctetKeyPair ED25519 = ed25519("ed-1");
    static final RSAKey ATTACKER = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());

    interface Gen<T> {
        T get() throws Exception;
    }

    static <T> T generate(Gen<T> g) {
        try {
            return g.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetKeyPair ed25519(String kid) {
        Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
        gen.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded()))
                .d(Base64URL.encode(((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded())).keyID(kid).build();
    }

    public static JWKSet publicSet(JWK... keys) {
        return new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList());
    }

    public static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer("https://idp.example.com").subject("svc-1").audience("flagpost")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            if (key instanceof OctetKeyPair okp) {
                return signEd25519(okp, header.toBase64URL() + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)));
            }
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs any header/payload text as given (for hand-made hostile tokens) with Ed25519. */
    static String signEd25519(OctetKeyPair key, String signingInput) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(key.getDecodedD(), 0));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(input, 0, input.length);
        return signingInput + "." + Base64URL.encode(signer.generateSignature());
    }

    public static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A JWKS endpoint on loopback whose key set can change and that can fail; counts requests. */
    public static final class JwksServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger hits = new AtomicInteger();
        volatile JWKSet keys;
        volatile boolean down;

        public JwksServer(JWKSet keys) throws Exception {
            this.keys = keys;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                byte[] body = down ? new byte[0] : this.keys.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(down ? 503 : 200, down ? -1 : body.length);
                if (!down) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private JwtFixtures() {
    }
}
