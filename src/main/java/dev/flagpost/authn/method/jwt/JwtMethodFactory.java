package dev.flagpost.authn.method.jwt;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.config.ConfigReader;
import java.util.List;

/** {@code authentication.methods.jwt}: JWTs issued elsewhere, verified on every request; nothing is stored. */
public final class JwtMethodFactory implements AuthMethodFactory<JwtMethodConfig> {
    @Override
    public Method method() {
        return Method.JWT;
    }

    @Override
    public boolean sessionCompatible() {
        return false;
    }

    @Override
    public boolean storesAuthentications() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("jwks_url", "public_key_file", "jwks_cache_ttl", "validate_claims.issuer", "validate_claims.subject",
                "validate_claims.audiences[]", "required_claims[]", "claims_mapping.*");
    }

    @Override
    public JwtMethodConfig bind(ConfigReader r, String p) {
        return r.build(p, () -> new JwtMethodConfig(r.bool(p + ".enabled", false), r.string(p + ".jwks_url", null),
                r.string(p + ".public_key_file", null), r.string(p + ".validate_claims.issuer", null),
                r.string(p + ".validate_claims.subject", null), r.list(p + ".validate_claims.audiences"), r.list(p + ".required_claims"),
                r.stringMap(p + ".claims_mapping"), r.duration(p + ".jwks_cache_ttl", JwtMethodConfig.DEFAULT_JWKS_TTL)),
                JwtMethodConfig.disabled());
    }

    @Override
    public AuthMethod start(JwtMethodConfig config, MethodContext context) {
        return new JwtAuthenticator(config, context.clock());
    }
    // view: every JWT setting is json:"-" in Flipt, so the default (empty) is Flipt's.
}
