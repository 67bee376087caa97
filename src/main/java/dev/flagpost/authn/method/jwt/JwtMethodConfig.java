package dev.flagpost.authn.method.jwt;

import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code authentication.methods.jwt}: externally issued JWTs, verified with keys from a JWKS URL or
 * one PEM file (exactly one of them). Algorithms are fixed: RS256, RS512, ES256, ES512, EdDSA.
 *
 * @param issuer         {@code validate_claims.issuer}: exact match when set
 * @param subject        {@code validate_claims.subject}: exact match when set
 * @param audiences      {@code validate_claims.audiences}: the token's aud must contain one when set
 * @param requiredClaims claims that must be present (Flipt #2985)
 * @param claimsMapping  extra metadata: {@code io.flipt.auth.jwt.<key>} from a JSON pointer into the claims
 * @param jwksCacheTtl   how long fetched keys are used, also through a JWKS outage (default 5m)
 */
public record JwtMethodConfig(boolean enabled, String jwksUrl, String publicKeyFile, String issuer, String subject,
                              List<String> audiences, List<String> requiredClaims, Map<String, String> claimsMapping,
                              Duration jwksCacheTtl) implements MethodConfig {
    public static final Duration DEFAULT_JWKS_TTL = Duration.ofMinutes(5);

    public JwtMethodConfig {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        requiredClaims = requiredClaims == null ? List.of() : List.copyOf(requiredClaims);
        claimsMapping = claimsMapping == null ? Map.of() : Map.copyOf(claimsMapping);
        jwksCacheTtl = jwksCacheTtl == null ? DEFAULT_JWKS_TTL : jwksCacheTtl;
        if (enabled) {
            boolean jwks = jwksUrl != null && !jwksUrl.isBlank();
            boolean pem = publicKeyFile != null && !publicKeyFile.isBlank();
            if (jwks == pem) {
                throw InvalidConfigException.of(jwks ? "public_key_file" : "jwks_url",
                        "exactly one of jwks_url and public_key_file must be set",
                        "keep jwks_url for a key set URL, or public_key_file for one PEM public key");
            }
            if (jwks && !(jwksUrl.startsWith("https://") || jwksUrl.startsWith("http://"))) {
                throw InvalidConfigException.of("jwks_url", "\"" + jwksUrl + "\" is not an http(s) URL", "e.g. https://idp.example.com/.well-known/jwks.json");
            }
            if (pem && !Files.isReadable(Path.of(publicKeyFile))) {
                throw InvalidConfigException.of("public_key_file", "cannot read " + publicKeyFile, "point it at a readable PEM public key");
            }
            if (jwksCacheTtl.isNegative() || jwksCacheTtl.isZero()) {
                throw InvalidConfigException.of("jwks_cache_ttl", "positive non-zero duration required", "for example 5m");
            }
            claimsMapping.forEach((key, pointer) -> {
                if (!pointer.startsWith("/")) {
                    throw InvalidConfigException.of("claims_mapping." + key, "\"" + pointer + "\" is not a JSON pointer", "e.g. /user/email");
                }
            });
        }
    }

    public static JwtMethodConfig disabled() {
        return new JwtMethodConfig(false, null, null, null, null, List.of(), List.of(), Map.of(), DEFAULT_JWKS_TTL);
    }
}
