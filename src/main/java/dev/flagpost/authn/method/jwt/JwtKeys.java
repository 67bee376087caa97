package dev.flagpost.authn.method.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;

/** Where the JWT method's keys come from: a cached, rate-limited JWKS URL, or one PEM file read at start. */
final class JwtKeys {
    /** At most one JWKS refresh for unknown key ids per this many milliseconds. */
    static final long REFRESH_INTERVAL_MS = 30_000;

    private JwtKeys() {
    }

    static JWKSource<SecurityContext> of(JwtMethodConfig config) {
        if (config.jwksUrl() != null && !config.jwksUrl().isBlank()) {
            long ttl = config.jwksCacheTtl().toMillis();
            try {
                return JWKSourceBuilder.create(URI.create(config.jwksUrl()).toURL(), new DefaultResourceRetriever(2_000, 2_000, 512 * 1024))
                        .cache(ttl, 2_000)
                        .rateLimited(Math.min(REFRESH_INTERVAL_MS, ttl))
                        // A JWKS outage keeps the last keys usable until the TTL, then verification is unavailable.
                        .outageTolerant(ttl)
                        .retrying(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("jwks_url is not a URL: " + config.jwksUrl(), e);
            }
        }
        return new ImmutableJWKSet<>(new JWKSet(fromPem(Path.of(config.publicKeyFile()))));
    }

    /** RSA and EC through Nimbus; Ed25519 (which Nimbus' PEM reader does not take) through BouncyCastle. */
    static List<JWK> fromPem(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                Object object = parser.readObject();
                if (object instanceof SubjectPublicKeyInfo info && EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
                    return List.of(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(info.getPublicKeyData().getBytes())).build());
                }
            }
            return List.of(JWK.parseFromPEMEncodedObjects(pem));
        } catch (IOException | JOSEException e) {
            throw new IllegalArgumentException("public_key_file " + file + " is not a PEM public key: " + e.getMessage(), e);
        }
    }
}
