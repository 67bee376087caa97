package dev.flagpost.authn.method.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.Resolution;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWT method: stateless, nothing stored. A token is accepted only when its header names an
 * allowed algorithm, a configured key of the matching type verifies the signature, and the claims
 * pass (exp required, nbf/iat, issuer/subject/audience as configured, 60 s leeway). Header
 * references to keys ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are never followed: keys
 * come from the configuration only. A key set that cannot be fetched is {@code Unavailable}.
 */
public final class JwtAuthenticator implements AuthMethod {
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    private static final Duration MAX_CACHED = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtMethodConfig config;
    private final JWKSource<SecurityContext> keys;
    private final boolean keyFile;
    private final Clock clock;
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
    /** Verified tokens by SHA-256, kept 5 minutes; used only until their exp. */
    private final Cache<String, Authentication> verified;

    public JwtAuthenticator(JwtMethodConfig config, Clock clock) {
        this(config, JwtKeys.of(config), clock);
    }

    JwtAuthenticator(JwtMethodConfig config, JWKSource<SecurityContext> keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.keyFile = config.publicKeyFile() != null && !config.publicKeyFile().isBlank();
        this.clock = clock;
        this.claimsVerifier = claimsVerifier(config, clock);
        // Expiry after write, not per entry: a cache bounded by size and write time alone lets
        // Caffeine skip its read buffer (until it first holds half its maximum size), whose drains,
        // handed to the common pool, were a third of a cached JWT's cost in the profile. A token's
        // own exp is checked on every read instead.
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(MAX_CACHED).build();
    }

    @Override
    public Method method() {
        return Method.JWT;
    }

    @Override
    public Optional<JwtVerifier> jwtVerifier() {
        return Optional.of(this::authenticate);
    }

    public Resolution authenticate(String token) {
        String hash = ClientTokens.hash(token);
        Authentication cached = verified.getIfPresent(hash);
        if (cached != null && !cached.isExpired(clock)) {
            return new Resolution.Authenticated(cached);
        }
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT signed)) {
                return reject("not a signed JWT");
            }
            jwt = signed;
        } catch (ParseException | RuntimeException e) {
            return reject("unparseable JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            return reject("algorithm " + header.getAlgorithm() + " is not allowed");
        }
        if (header.getContentType() != null && header.getContentType().equalsIgnoreCase("JWT")) {
            return reject("nested JWTs are not accepted");
        }
        List<JWK> candidates;
        try {
            // A PEM file's keys carry no kid, yet most issuers always send one: with a key file the
            // configured keys are the only candidates, so the kid is not used to choose among them.
            JWSHeader selecting = keyFile ? new JWSHeader.Builder(header).keyID(null).build() : header;
            candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(selecting)), null);
        } catch (RateLimitReachedException e) {
            // The keys were fetched moments ago and hold no such key: the credential is bad, not unverifiable.
            return reject("no configured key matches kid " + header.getKeyID());
        } catch (KeySourceException e) {
            return new Resolution.Unavailable("the JWT key set could not be fetched: " + e.getMessage());
        }
        if (!verifiedByAny(jwt, candidates)) {
            return reject("signature not verified by any configured key");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
            claimsVerifier.verify(claims, null);
        } catch (ParseException | BadJWTException | RuntimeException e) {
            return reject("claims rejected: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
            return reject("issued in the future");
        }
        Authentication a = authentication(hash, claims, now);
        verified.put(hash, a);
        return new Resolution.Authenticated(a);
    }

    private static Resolution reject(String why) {
        return new Resolution.Unauthenticated("jwt: " + why);
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<JWK> candidates) {
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = verifier(key);
                if (verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | RuntimeException e) {
                // A key of the wrong kind or curve for this token: try the next.
            }
        }
        return false;
    }

    /**
     * ECDSA through BouncyCastle's provider: bench/jmh.sh measured JDK 17's SunEC at 3x its time for
     * ES256. Used by reference, never installed in {@code java.security.Security}: a shared server's
     * other applications keep their providers.
     */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            ECDSAVerifier verifier = new ECDSAVerifier(ec);
            verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
            return verifier;
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519JwsVerifier(okp);
        }
        return null;
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(JwtMethodConfig config, Clock clock) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (config.issuer() != null) {
            exact.issuer(config.issuer());
        }
        if (config.subject() != null) {
            exact.subject(config.subject());
        }
        Set<String> required = new HashSet<>(config.requiredClaims());
        required.add("exp");
        Set<String> audiences = config.audiences().isEmpty() ? null : new HashSet<>(config.audiences());
        DefaultJWTClaimsVerifier<SecurityContext> v = new DefaultJWTClaimsVerifier<>(audiences, exact.build(), required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        v.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return v;
    }

    /** Flipt's metadata: {@code io.flipt.auth.jwt.*} from iss and the {@code user} claim, claims named io.flipt.auth*, and claims_mapping. */
    private Authentication authentication(String hash, JWTClaimsSet claims, Instant now) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (claims.getIssuer() != null) {
            meta.put("io.flipt.auth.jwt.issuer", claims.getIssuer());
        }
        Object user = claims.getClaim("user");
        if (user instanceof Map<?, ?> u) {
            putString(meta, "io.flipt.auth.jwt.email", u.get("email"));
            putString(meta, "io.flipt.auth.jwt.sub", u.get("sub"));
            putString(meta, "io.flipt.auth.jwt.picture", u.get("image"));
            putString(meta, "io.flipt.auth.jwt.name", u.get("name"));
            putString(meta, "io.flipt.auth.jwt.role", u.get("role"));
        }
        claims.getClaims().forEach((k, v) -> {
            if (k.startsWith("io.flipt.auth")) {
                putString(meta, k, v);
            }
        });
        if (!config.claimsMapping().isEmpty()) {
            JsonNode tree = JSON.valueToTree(claims.toJSONObject());
            config.claimsMapping().forEach((key, pointer) -> {
                JsonNode n = tree.at(pointer);
                if (n.isValueNode()) {
                    meta.put("io.flipt.auth.jwt." + key, n.asText());
                }
            });
        }
        String id = "jwt:" + (claims.getSubject() != null ? claims.getSubject() : hash.substring(0, 16));
        Instant issued = claims.getIssueTime() != null ? claims.getIssueTime().toInstant() : now;
        return new Authentication(id, Method.JWT, claims.getExpirationTime().toInstant(), issued, issued, meta, true);
    }

    private static void putString(Map<String, String> meta, String key, Object value) {
        if (value instanceof String s) {
            meta.put(key, s);
        }
    }
}
