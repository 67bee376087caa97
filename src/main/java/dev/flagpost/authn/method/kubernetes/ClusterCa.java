package dev.flagpost.authn.method.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts the cluster CA from {@code ca_path} and nothing else: the JVM's default trust
 * store would let any public CA vouch for "the API server", which is exactly what an attacker who
 * can redirect DNS needs.
 */
final class ClusterCa {
    private ClusterCa() {
    }

    /** The certificates in a PEM file (a bundle is allowed: clusters rotating their CA publish two). */
    static Collection<X509Certificate> load(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(pem + " holds no PEM certificate");
            }
            return certs.stream().map(c -> (X509Certificate) c).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(pem + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** Read at every discovery, so that a rotated CA file is picked up without a restart. */
    static SSLSocketFactory socketFactory(Path pem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (X509Certificate cert : load(pem)) {
                trust.setCertificateEntry("cluster-ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build TLS trust from " + pem + ": " + e.getMessage(), e);
        }
    }
}
