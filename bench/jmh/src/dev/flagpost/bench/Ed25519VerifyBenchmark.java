package dev.flagpost.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 signature verification alone, JDK (SunEC) vs BouncyCastle's lightweight API (what the JWT
 * method uses), on a JWT-sized signing input: tells whether EdDSA tokens would gain from the JDK.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class Ed25519VerifyBenchmark {
    byte[] input;
    byte[] signature;
    PublicKey jdkKey;
    Ed25519PublicKeyParameters bcKey;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        input = ("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9." + "x".repeat(220)).getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(input);
        signature = signer.sign();
        jdkKey = pair.getPublic();
        byte[] spki = jdkKey.getEncoded();
        // The raw 32-byte key is the tail of its X.509 encoding.
        bcKey = new Ed25519PublicKeyParameters(spki, spki.length - Ed25519PublicKeyParameters.KEY_SIZE);
        if (!jdk() || !bc()) {
            throw new IllegalStateException("the signature does not verify");
        }
    }

    @Benchmark
    public boolean jdk() throws Exception {
        Signature v = Signature.getInstance("Ed25519", "SunEC");
        v.initVerify(jdkKey);
        v.update(input);
        return v.verify(signature);
    }

    @Benchmark
    public boolean bc() {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, bcKey);
        v.update(input, 0, input.length);
        return v.verifySignature(signature);
    }
}
