package dev.flagpost.authn.method.oidc;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/** {@code authentication.methods.oidc}: browser logins through any number of OpenID Connect providers. */
public final class OidcMethodFactory implements AuthMethodFactory<OidcMethodConfig> {
    private static final Logger LOG = Logger.getLogger(OidcMethodFactory.class.getName());
    private static final String SERVICE = "flipt.auth.AuthenticationMethodOIDCService/";

    @Override
    public Method method() {
        return Method.OIDC;
    }

    @Override
    public boolean sessionCompatible() {
        return true;
    }

    @Override
    public List<String> keys() {
        return List.of("email_matches[]", "providers.*.issuer_url", "providers.*.client_id", "providers.*.client_secret",
                "providers.*.redirect_address", "providers.*.scopes[]", "providers.*.use_pkce", "providers.*.nonce",
                "providers.*.use_end_session_endpoint");
    }

    @Override
    public OidcMethodConfig bind(ConfigReader r, String p) {
        boolean enabled = r.bool(p + ".enabled", false);
        Map<String, OidcProviderConfig> providers = new LinkedHashMap<>();
        for (String name : r.children(p + ".providers")) {
            String pp = p + ".providers." + name;
            if (r.raw(pp + ".nonce").isPresent()) {
                // Flipt v1 sent this one value with every login; a nonce must be fresh per login, so it is generated.
                LOG.warning(pp + ".nonce is ignored: Flagpost generates a fresh nonce for every login");
            }
            OidcProviderConfig provider = r.build(p, () -> new OidcProviderConfig(name, r.string(pp + ".issuer_url", null),
                    r.string(pp + ".client_id", null), r.string(pp + ".client_secret", null), r.string(pp + ".redirect_address", null),
                    r.list(pp + ".scopes"), r.bool(pp + ".use_pkce", false), r.bool(pp + ".use_end_session_endpoint", false)), null);
            if (provider != null) {
                providers.put(name, provider);
            }
        }
        if (enabled && r.children(p + ".providers").isEmpty()) {
            // Flipt starts with this too; nobody can log in through it, so say so rather than refuse a Flipt config.
            LOG.warning(p + " is enabled without providers: nobody can log in with OIDC until "
                    + "authentication.methods.oidc.providers.<name> is added");
        }
        CleanupConfig cleanup = CleanupConfig.bind(r, p);
        return r.build(p, () -> new OidcMethodConfig(enabled, r.list(p + ".email_matches"), providers, cleanup),
                new OidcMethodConfig(enabled, List.of(), providers, cleanup));
    }

    @Override
    public AuthMethod start(OidcMethodConfig config, MethodContext context) {
        return new OidcMethod(config, context.loginFlows(), context.sessions(), context.clock());
    }

    @Override
    public Map<String, Object> view(OidcMethodConfig config) {
        Map<String, Object> oidc = new LinkedHashMap<>();
        GoJson.put(oidc, "emailMatches", config.emailMatches());
        Map<String, Object> providers = new LinkedHashMap<>();
        config.providers().forEach((name, p) -> {
            Map<String, Object> provider = new LinkedHashMap<>();
            GoJson.put(provider, "issuerURL", p.issuerUrl());
            GoJson.put(provider, "redirectAddress", p.redirectAddress());
            GoJson.put(provider, "scopes", p.scopes());
            GoJson.put(provider, "usePKCE", p.usePkce());
            providers.put(name, provider);
        });
        GoJson.put(oidc, "providers", providers);
        return oidc;
    }

    @Override
    public List<String> publicHttpRoutes() {
        return List.of("/auth/v1/method/oidc/[^/]+/(authorize|callback)");
    }

    @Override
    public Set<String> publicRpcs() {
        return Set.of(SERVICE + "AuthorizeURL", SERVICE + "Callback");
    }
}
