package dev.flagpost.authn.method.kubernetes;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test cluster: a CA made with BouncyCastle, an API server's discovery and JWKS endpoints over
 * TLS with a certificate from that CA (checking the Bearer token it receives), and service-account
 * tokens of Kubernetes' shape. Everything is generated per run; nothing is stored.
 */
public final class KubernetesFixtures {
    /** Like EKS: the issuer named in tokens and discovery is not the URL discovery is fetched from. */
    public static final String ISSUER = "https://oidc.eks.test-region.amazonaws.com/id/FLAGPOSTTEST";
    public static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("sa-rsa-1").generate());
    public static final ECKey P256 = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("sa-ec-1").generate());
    /** Same kid as {@link #RSA}, another key: a forgery. */
    public static final RSAKey ATTACKER = generate(() -> new RSAKeyGenerator(2048).keyID("sa-rsa-1").generate());

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

    private KubernetesFixtures() {
    }

    /** A certificate authority and the certificates it issues. */
    public static final class TestCa {
        final KeyPair keys;
        final X509Certificate cert;

        public TestCa(String name) {
            keys = ecKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            cert = generate(() -> sign(new JcaX509v3CertificateBuilder(subject, serial(), Date.from(Instant.now().minusSeconds(3600)),
                    Date.from(Instant.now().plus(Duration.ofDays(1))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), keys));
        }

        /** A TLS server certificate for 127.0.0.1 and localhost. */
        public ServerIdentity issueServer() {
            KeyPair server = ecKeyPair();
            X509Certificate c = generate(() -> sign(new JcaX509v3CertificateBuilder(new X500Name(cert.getSubjectX500Principal().getName()),
                    serial(), Date.from(Instant.now().minusSeconds(3600)), Date.from(Instant.now().plus(Duration.ofDays(1))),
                    new X500Name("CN=kubernetes"), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")})), keys));
            return new ServerIdentity(server, c, cert);
        }

        /** Writes the CA certificate as PEM, as a pod's ca.crt. */
        public Path writePem(Path file) throws IOException {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(cert);
            }
            Files.writeString(file, out.toString());
            return file;
        }

        private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        }

        private static BigInteger serial() {
            return new BigInteger(64, new SecureRandom());
        }

        private static KeyPair ecKeyPair() {
            return generate(() -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            });
        }
    }

    public record ServerIdentity(KeyPair keys, X509Certificate cert, X509Certificate issuer) {
        SSLContext sslContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "test".toCharArray();
            ks.setKeyEntry("server", keys.getPrivate(), pw, new X509Certificate[] {cert, issuer});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }
    }

    /**
     * The API server's {@code /.well-known/openid-configuration} and {@code /openid/v1/jwks} over
     * TLS; both answer 401 unless the Bearer token is {@link #expectedBearer}. Counts requests.
     */
    public static final class DiscoveryServer implements AutoCloseable {
        final HttpsServer server;
        public final AtomicInteger hits = new AtomicInteger();
        public final AtomicInteger badBearer = new AtomicInteger();
        public volatile JWKSet keys;
        public volatile String expectedBearer;
        public volatile String issuer = ISSUER;

        /** @param port 0 for any free port */
        public DiscoveryServer(ServerIdentity identity, int port, String expectedBearer, JWK... keys) throws Exception {
            this.keys = publicSet(keys);
            this.expectedBearer = expectedBearer;
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(identity.sslContext()));
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            hits.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (!("Bearer " + expectedBearer).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                badBearer.incrementAndGet();
                status = 401;
                body = "{\"kind\":\"Status\",\"code\":401}";
            } else if (path.equals("/.well-known/openid-configuration")) {
                body = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + url() + "/openid/v1/jwks\","
                        + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}";
            } else if (path.equals("/openid/v1/jwks")) {
                body = keys.toString();
            } else {
                status = 404;
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        public int port() {
            return server.getAddress().getPort();
        }

        public String url() {
            return "https://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public static JWKSet publicSet(JWK... keys) {
        return new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList());
    }

    /** Claims as kube-apiserver writes them for a pod-bound token. */
    public static JWTClaimsSet.Builder claims(Instant now, String namespace, String serviceAccount) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("system:serviceaccount:" + namespace + ":" + serviceAccount)
                .audience(List.of("https://kubernetes.default.svc", "flagpost"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("kubernetes.io", Map.of(
                        "namespace", namespace,
                        "pod", Map.of("name", serviceAccount + "-7d4b9c-x2x5q", "uid", "0b8a3e2c-pod-uid"),
                        "serviceaccount", Map.of("name", serviceAccount, "uid", "5d1c7f0e-sa-uid")));
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
