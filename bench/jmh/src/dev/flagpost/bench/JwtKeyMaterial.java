package dev.flagpost.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** A signing key generated for this run only, and its public half as the PEM file the JWT method reads. */
final class JwtKeyMaterial {
    final JWSAlgorithm algorithm;
    final JWK key;
    final Path publicKeyFile;

    JwtKeyMaterial(JWSAlgorithm algorithm) {
        this.algorithm = algorithm;
        try {
            byte[] spki;
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                var rsa = new RSAKeyGenerator(2048).generate();
                key = rsa;
                spki = rsa.toRSAPublicKey().getEncoded();
            } else if (JWSAlgorithm.ES256.equals(algorithm)) {
                var ec = new ECKeyGenerator(Curve.P_256).generate();
                key = ec;
                spki = ec.toECPublicKey().getEncoded();
            } else if (JWSAlgorithm.EdDSA.equals(algorithm)) {
                Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
                gen.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
                AsymmetricCipherKeyPair pair = gen.generateKeyPair();
                var pub = (Ed25519PublicKeyParameters) pair.getPublic();
                key = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(pub.getEncoded()))
                        .d(Base64URL.encode(((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded())).build();
                spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded();
            } else {
                throw new IllegalArgumentException("no benchmark key for " + algorithm);
            }
            publicKeyFile = Files.createTempFile("flagpost-bench-jwt", ".pem");
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki)
                    + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("key generation failed for " + algorithm, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(publicKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
