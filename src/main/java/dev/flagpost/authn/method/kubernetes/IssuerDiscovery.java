package dev.flagpost.authn.method.kubernetes;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * The cluster's service-account issuer: {@code <discovery_url>/.well-known/openid-configuration},
 * then its {@code jwks_uri}, both over TLS that trusts only {@code ca_path} and with this server's
 * own service-account token as Bearer (the API server does not serve them anonymously by default).
 * The issuer is whatever the document says: on EKS it is not the discovery URL (Flipt #2942).
 *
 * <p>Cached for {@link #CACHE_TTL}; a token whose key id is unknown refreshes at most once per
 * {@link #UNKNOWN_KEY_REFRESH}; after a failed fetch the next attempt waits {@link #RETRY_AFTER_FAILURE},
 * so an outage does not turn every login into an outbound connection.
 */
final class IssuerDiscovery {
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration UNKNOWN_KEY_REFRESH = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    static final String WELL_KNOWN = "/.well-known/openid-configuration";
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int SIZE_LIMIT = 1024 * 1024;

    /** What the issuer published at {@code fetchedAt}: its exact name and its public keys. */
    record IssuerKeys(String issuer, JWKSet keys, Instant fetchedAt) {
    }

    /** The issuer could not be asked; the message names discovery_url and ca_path for the operator. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final KubernetesMethodConfig config;
    private final Clock clock;
    private IssuerKeys cached;
    private Instant failedAt;
    private UnavailableException failure;

    IssuerDiscovery(KubernetesMethodConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The cached issuer and keys, fetched first when there are none or they are older than the TTL. */
    synchronized IssuerKeys current() throws UnavailableException {
        if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(CACHE_TTL))) {
            return cached;
        }
        return fetch();
    }

    /** For a key id not in {@code seen}: fetch again unless that was done within the last 30 s. */
    synchronized IssuerKeys refreshForUnknownKey(IssuerKeys seen) throws UnavailableException {
        if (cached != null && cached != seen) {
            return cached;
        }
        if (seen != null && clock.instant().isBefore(seen.fetchedAt().plus(UNKNOWN_KEY_REFRESH))) {
            return seen;
        }
        return fetch();
    }

    private IssuerKeys fetch() throws UnavailableException {
        Instant now = clock.instant();
        if (failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER_FAILURE))) {
            throw failure;
        }
        try {
            cached = download(now);
            failedAt = null;
            failure = null;
            return cached;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            failedAt = now;
            failure = new UnavailableException("the Kubernetes service account issuer could not be discovered at discovery_url "
                    + config.discoveryUrl() + " trusting only ca_path " + config.caPath() + ": " + describe(e)
                    + " (check that discovery_url is reachable and that ca_path holds the CA that signed its certificate)");
            throw failure;
        }
    }

    private IssuerKeys download(Instant now) throws IOException, ParseException {
        Retriever http = new Retriever(ClusterCa.socketFactory(Path.of(config.caPath())));
        http.setHeaders(Map.of("Authorization", List.of("Bearer " + ownToken())));
        Map<String, Object> doc = JSONObjectUtils.parse(http.get(URI.create(config.discoveryUrl() + WELL_KNOWN).toURL()));
        String issuer = JSONObjectUtils.getString(doc, "issuer");
        URI jwksUri = JSONObjectUtils.getURI(doc, "jwks_uri");
        if (issuer == null || issuer.isBlank()) {
            throw new ParseException("the discovery document has no issuer", 0);
        }
        if (jwksUri == null || !"https".equals(jwksUri.getScheme())) {
            throw new ParseException("the discovery document's jwks_uri is not an https URL: " + jwksUri, 0);
        }
        // Only public signing keys of the types Kubernetes signs with; anything else in the set is ignored.
        List<JWK> keys = JWKSet.parse(http.get(jwksUri.toURL())).toPublicJWKSet().getKeys().stream()
                .filter(k -> k instanceof RSAKey || k instanceof ECKey).toList();
        return new IssuerKeys(issuer, new JWKSet(keys), now);
    }

    /** Re-read for every fetch: the kubelet rotates the projected token file. */
    private String ownToken() throws IOException {
        String token = Files.readString(Path.of(config.serviceAccountTokenPath()), StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("service_account_token_path " + config.serviceAccountTokenPath() + " is empty");
        }
        return token;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Nimbus' size- and time-limited retriever, over our TLS, never following redirects (they would leave the trust we set up). */
    private static final class Retriever extends DefaultResourceRetriever {
        Retriever(SSLSocketFactory tls) {
            super(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT, true, tls);
        }

        String get(URL url) throws IOException {
            if (!"https".equals(url.getProtocol())) {
                throw new IOException("refusing non-https URL " + url);
            }
            return retrieveResource(url).getContent();
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection c = super.openHTTPConnection(url);
            c.setInstanceFollowRedirects(false);
            return c;
        }
    }
}
