package dev.flagpost.authn.method.jwt;

import com.nimbusds.jose.CriticalHeaderParamsAware;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * EdDSA (Ed25519) for Nimbus, verified by BouncyCastle. Nimbus's own Ed25519Verifier needs Google
 * Tink, whose protobuf 4 would clash with the protobuf 3 that Liberty's gRPC feature provides.
 */
final class Ed25519JwsVerifier implements JWSVerifier, CriticalHeaderParamsAware {
    private final Ed25519PublicKeyParameters key;
    private final CriticalHeaderParamsDeferral crit = new CriticalHeaderParamsDeferral();
    private final JCAContext jca = new JCAContext();

    Ed25519JwsVerifier(OctetKeyPair publicKey) throws JOSEException {
        if (!Curve.Ed25519.equals(publicKey.getCurve())) {
            throw new JOSEException("not an Ed25519 key: " + publicKey.getCurve());
        }
        byte[] x = publicKey.getDecodedX();
        if (x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new JOSEException("Ed25519 public key must be 32 bytes");
        }
        this.key = new Ed25519PublicKeyParameters(x, 0);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("Ed25519 keys verify EdDSA only, not " + header.getAlgorithm());
        }
        if (!crit.headerPasses(header)) {
            return false;
        }
        byte[] sig = signature.decode();
        if (sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(signingInput, 0, signingInput.length);
        return verifier.verifySignature(sig);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    @Override
    public Set<String> getProcessedCriticalHeaderParams() {
        return crit.getProcessedCriticalHeaderParams();
    }

    @Override
    public Set<String> getDeferredCriticalHeaderParams() {
        return crit.getProcessedCriticalHeaderParams();
    }
}
