package dev.flagpost.authn.method.kubernetes;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.flagpost.authn.method.kubernetes.IssuerDiscovery.IssuerKeys;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a Kubernetes service-account token against the cluster issuer: an allowed algorithm, a
 * signature by one of the discovered keys, {@code iss} exactly the discovered issuer, {@code exp}
 * in the future, {@code nbf} with 60 s skew, {@code aud} when audiences are configured, the
 * Kubernetes claim shape, and the allow-lists. Keys come from discovery only: header references
 * ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are never followed.
 */
public final class ServiceAccountVerifier {
    /** What kube-apiserver signs with (RSA: RS256; ECDSA: ES256/384/512 by curve). */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Real tokens are ~1 KiB; anything far larger is not worth parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    public sealed interface Outcome {
    }

    public record Verified(ServiceAccount account) implements Outcome {
    }

    /** {@code reason} is for the log only; the caller sees Flipt's generic 401 message. */
    public record Rejected(String reason) implements Outcome {
    }

    public record Unavailable(String message) implements Outcome {
    }

    private final KubernetesMethodConfig config;
    private final IssuerDiscovery discovery;
    private final Clock clock;

    public ServiceAccountVerifier(KubernetesMethodConfig config, Clock clock) {
        this(config, new IssuerDiscovery(config, clock), clock);
    }

    ServiceAccountVerifier(KubernetesMethodConfig config, IssuerDiscovery discovery, Clock clock) {
        this.config = config;
        this.discovery = discovery;
        this.clock = clock;
    }

    public Outcome verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return new Rejected("empty or oversized token");
        }
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token.strip());
            if (!(parsed instanceof SignedJWT signed)) {
                return new Rejected("not a signed JWT");
            }
            jwt = signed;
        } catch (ParseException | RuntimeException e) {
            return new Rejected("unparseable JWT");
        }
        // Decided before any outbound call: a forged header costs us nothing.
        if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
            return new Rejected("algorithm " + jwt.getHeader().getAlgorithm() + " is not allowed");
        }
        try {
            IssuerKeys keys = discovery.current();
            JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
            if (selector.select(keys.keys()).isEmpty()) {
                keys = discovery.refreshForUnknownKey(keys);
            }
            return check(jwt, keys);
        } catch (IssuerDiscovery.UnavailableException e) {
            return new Unavailable(e.getMessage());
        }
    }

    private Outcome check(SignedJWT jwt, IssuerKeys keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, new ImmutableJWKSet<>(keys.keys())));
        processor.setJWTClaimsSetVerifier(claimsVerifier(keys.issuer()));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            return new Rejected("token rejected: " + e.getMessage());
        }
        // No leeway here: a client token that is already expired would be useless.
        if (!claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
            return new Rejected("token has expired");
        }
        Optional<ServiceAccount> account = ServiceAccount.from(claims);
        if (account.isEmpty()) {
            return new Rejected("not a Kubernetes service account token (no kubernetes.io namespace and serviceaccount)");
        }
        ServiceAccount sa = account.get();
        if (!config.allows(sa.namespace(), sa.name())) {
            return new Rejected("service account " + sa.namespace() + "/" + sa.name() + " is not allow-listed");
        }
        return new Verified(sa);
    }

    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String issuer) {
        Set<String> audiences = config.audiences().isEmpty() ? null : new HashSet<>(config.audiences());
        DefaultJWTClaimsVerifier<SecurityContext> v = new DefaultJWTClaimsVerifier<>(audiences,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iss", ServiceAccount.CLAIM), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        v.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return v;
    }
}
