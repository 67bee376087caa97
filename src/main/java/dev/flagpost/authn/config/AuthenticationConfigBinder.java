package dev.flagpost.authn.config;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.method.github.GithubMethodConfig;
import dev.flagpost.authn.method.jwt.JwtMethodConfig;
import dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig;
import dev.flagpost.authn.method.oidc.OidcMethodConfig;
import dev.flagpost.authn.method.oidc.OidcProviderConfig;
import dev.flagpost.authn.method.token.TokenMethodConfig;
import dev.flagpost.authn.method.token.TokenMethodConfig.Bootstrap;
import dev.flagpost.authn.method.token.TokenMethodConfig.StaticToken;
import dev.flagpost.config.ConfigReader;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.flagpost.config.KeySuggestions;
import java.util.regex.Pattern;

/** Reads the {@code authentication:} section into validated records, collecting every problem with its key. */
public final class AuthenticationConfigBinder {
    static final String ROOT = "authentication";

    /** Keys this version understands; anything else under {@code authentication.} is most likely a typo. */
    private static final List<Pattern> KNOWN = List.of(
            Pattern.compile("authentication(\\.(required|exclude|session|methods|client))?"),
            Pattern.compile("authentication\\.client\\.(issuer|client_id|redirect_uri|audience|authorization_metadata_key|scopes(\\[\\d+])?)"),
            Pattern.compile("authentication\\.exclude\\.(management|evaluation|ofrep)"),
            Pattern.compile("authentication\\.session\\.(domain|secure|token_lifetime|state_lifetime|csrf)"),
            Pattern.compile("authentication\\.session\\.csrf\\.(key|trusted_origins(\\[\\d+])?)"),
            Pattern.compile("authentication\\.methods\\.token(\\.(enabled|bootstrap|storage|cleanup))?"),
            Pattern.compile("authentication\\.methods\\.token\\.bootstrap\\.(token|expiration|metadata(\\..+)?)"),
            Pattern.compile("authentication\\.methods\\.token\\.storage\\.tokens(\\.[^.]+(\\.(credential|metadata(\\..+)?))?)?"),
            Pattern.compile("authentication\\.methods\\.[a-z]+\\.cleanup(\\.(interval|grace_period))?"),
            Pattern.compile("authentication\\.methods\\.jwt(\\.(enabled|jwks_url|public_key_file|jwks_cache_ttl|validate_claims|required_claims|claims_mapping))?"),
            Pattern.compile("authentication\\.methods\\.jwt\\.validate_claims\\.(issuer|subject|audiences(\\[\\d+])?)"),
            Pattern.compile("authentication\\.methods\\.jwt\\.required_claims\\[\\d+]"),
            Pattern.compile("authentication\\.methods\\.jwt\\.claims_mapping\\.[^.]+"),
            Pattern.compile("authentication\\.methods\\.oidc(\\.(enabled|email_matches(\\[\\d+])?|providers|cleanup))?"),
            Pattern.compile("authentication\\.methods\\.oidc\\.providers\\.[^.]+(\\.(issuer_url|client_id|client_secret|redirect_address|scopes(\\[\\d+])?|use_pkce|nonce|use_end_session_endpoint))?"),
            Pattern.compile("authentication\\.methods\\.kubernetes(\\.(enabled|discovery_url|ca_path|service_account_token_path|audiences|allowed_namespaces|allowed_service_accounts|cleanup))?"),
            Pattern.compile("authentication\\.methods\\.kubernetes\\.(audiences|allowed_namespaces|allowed_service_accounts)\\[\\d+]"),
            // Methods whose own settings arrive with their issue; only `enabled` and `cleanup` are read here.
            Pattern.compile("authentication\\.methods\\.github(\\.(enabled|client_id|client_secret|redirect_address|scopes(\\[\\d+])?|server_url|api_url|use_pkce|allowed_organizations(\\[\\d+])?|allowed_teams(\\.[^.\\[]+(\\[\\d+])?)?|cleanup))?"),
            Pattern.compile("authentication\\.methods\\.ldap(\\..*)?"));

    /** Methods that this build can serve; enabling another one is a config error, not a silent no-op. */
    private static final Set<Method> AVAILABLE = Set.of(Method.TOKEN, Method.JWT, Method.OIDC, Method.GITHUB, Method.KUBERNETES);

    private AuthenticationConfigBinder() {
    }

    public static AuthenticationConfig bind(ConfigReader r, Iterable<String> fileKeys) {
        for (String key : fileKeys) {
            if (key.startsWith(ROOT + ".") && KNOWN.stream().noneMatch(p -> p.matcher(key).matches())) {
                String near = KeySuggestions.nearest(key, KNOWN);
                r.problem(key, "unknown key", near != null ? "did you mean `" + near + "`?" : "check the spelling against docs/configuration.md");
            }
        }
        Exclusions exclude = new Exclusions(
                r.bool("authentication.exclude.management", false),
                r.bool("authentication.exclude.evaluation", false),
                r.bool("authentication.exclude.ofrep", false));
        SessionConfig session = r.build("authentication.session", () -> new SessionConfig(
                r.string("authentication.session.domain", null),
                r.bool("authentication.session.secure", false),
                r.duration("authentication.session.token_lifetime", SessionConfig.DEFAULT_TOKEN_LIFETIME),
                r.duration("authentication.session.state_lifetime", SessionConfig.DEFAULT_STATE_LIFETIME),
                r.string("authentication.session.csrf.key", null),
                r.list("authentication.session.csrf.trusted_origins")), SessionConfig.defaults());

        Map<Method, MethodSettings> methods = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            if (m == Method.NONE || m == Method.TOKEN || m == Method.JWT || m == Method.OIDC || m == Method.GITHUB || m == Method.KUBERNETES) {
                continue;
            }
            String prefix = ROOT + ".methods." + m.configKey();
            MethodSettings s = new MethodSettings(r.bool(prefix + ".enabled", false), cleanup(r, prefix));
            if (s.enabled() && !AVAILABLE.contains(m)) {
                r.problem(prefix + ".enabled", "the " + m.configKey() + " method is not available in this version of Flagpost",
                        "set " + prefix + ".enabled: false, or use the token method");
            }
            methods.put(m, s);
        }
        boolean tokenEnabled = r.bool(ROOT + ".methods.token.enabled", false);
        // On a problem, keep `enabled` as written so that no follow-on "no method enabled" error is reported.
        TokenMethodConfig token = r.build("authentication.methods.token", () -> tokenMethod(r, tokenEnabled),
                new TokenMethodConfig(tokenEnabled, Bootstrap.NONE, Map.of(), CleanupConfig.DEFAULT));
        JwtMethodConfig jwt = r.build("authentication.methods.jwt", () -> jwtMethod(r), JwtMethodConfig.disabled());
        OidcMethodConfig oidc = oidcMethod(r);
        GithubMethodConfig github = githubMethod(r);
        boolean k8sEnabled = r.bool(ROOT + ".methods.kubernetes.enabled", false);
        KubernetesMethodConfig kubernetes = r.build("authentication.methods.kubernetes", () -> kubernetesMethod(r, k8sEnabled),
                KubernetesMethodConfig.disabled());
        String c = ROOT + ".client";
        ClientAuthConfig client = r.build(c, () -> new ClientAuthConfig(r.string(c + ".issuer", null), r.string(c + ".client_id", null),
                r.string(c + ".redirect_uri", null), r.list(c + ".scopes"), r.string(c + ".audience", null),
                r.string(c + ".authorization_metadata_key", null)), ClientAuthConfig.none());
        boolean required = r.bool("authentication.required", true);
        return r.build(ROOT, () -> new AuthenticationConfig(required, exclude, session, token, jwt, oidc, github, kubernetes, methods, client),
                new AuthenticationConfig(false, exclude, session, TokenMethodConfig.disabled(), JwtMethodConfig.disabled(), OidcMethodConfig.disabled(),
                        GithubMethodConfig.disabled(), KubernetesMethodConfig.disabled(), Map.of(), client));
    }

    private static TokenMethodConfig tokenMethod(ConfigReader r, boolean enabled) {
        String p = ROOT + ".methods.token";
        Bootstrap bootstrap = r.build(p, () -> new Bootstrap(
                r.string(p + ".bootstrap.token", null),
                r.duration(p + ".bootstrap.expiration", null),
                r.stringMap(p + ".bootstrap.metadata")), Bootstrap.NONE);
        Map<String, StaticToken> statics = new LinkedHashMap<>();
        // Sorted, so that a duplicate credential is always reported on the later id.
        for (String id : new java.util.TreeSet<>(r.children(p + ".storage.tokens"))) {
            String tp = p + ".storage.tokens." + id;
            StaticToken t = r.build(p, () -> new StaticToken(id, r.string(tp + ".credential", null), r.stringMap(tp + ".metadata")), null);
            if (t != null) {
                statics.put(id, t);
            }
        }
        return new TokenMethodConfig(enabled, bootstrap, statics, cleanup(r, p));
    }

    private static JwtMethodConfig jwtMethod(ConfigReader r) {
        String p = ROOT + ".methods.jwt";
        return new JwtMethodConfig(r.bool(p + ".enabled", false), r.string(p + ".jwks_url", null), r.string(p + ".public_key_file", null),
                r.string(p + ".validate_claims.issuer", null), r.string(p + ".validate_claims.subject", null),
                r.list(p + ".validate_claims.audiences"), r.list(p + ".required_claims"), r.stringMap(p + ".claims_mapping"),
                r.duration(p + ".jwks_cache_ttl", JwtMethodConfig.DEFAULT_JWKS_TTL));
    }

    private static KubernetesMethodConfig kubernetesMethod(ConfigReader r, boolean enabled) {
        String p = ROOT + ".methods.kubernetes";
        return new KubernetesMethodConfig(enabled, r.string(p + ".discovery_url", null), r.string(p + ".ca_path", null),
                r.string(p + ".service_account_token_path", null), r.list(p + ".audiences"), r.list(p + ".allowed_namespaces"),
                r.list(p + ".allowed_service_accounts"), cleanup(r, p));
    }

    private static OidcMethodConfig oidcMethod(ConfigReader r) {
        String p = ROOT + ".methods.oidc";
        boolean enabled = r.bool(p + ".enabled", false);
        Map<String, OidcProviderConfig> providers = new LinkedHashMap<>();
        for (String name : r.children(p + ".providers")) {
            String pp = p + ".providers." + name;
            if (r.raw(pp + ".nonce").isPresent()) {
                // Flipt v1 sent this one value with every login; a nonce must be fresh per login, so it is generated.
                java.util.logging.Logger.getLogger(AuthenticationConfigBinder.class.getName()).warning(
                        pp + ".nonce is ignored: Flagpost generates a fresh nonce for every login");
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
            java.util.logging.Logger.getLogger(AuthenticationConfigBinder.class.getName()).warning(p
                    + " is enabled without providers: nobody can log in with OIDC until authentication.methods.oidc.providers.<name> is added");
        }
        CleanupConfig cleanup = cleanup(r, p);
        return r.build(p, () -> new OidcMethodConfig(enabled, r.list(p + ".email_matches"), providers, cleanup),
                new OidcMethodConfig(enabled, java.util.List.of(), providers, cleanup));
    }

    private static GithubMethodConfig githubMethod(ConfigReader r) {
        String p = ROOT + ".methods.github";
        boolean enabled = r.bool(p + ".enabled", false);
        Map<String, java.util.List<String>> teams = new LinkedHashMap<>();
        for (String org : r.children(p + ".allowed_teams")) {
            teams.put(org, r.list(p + ".allowed_teams." + org));
        }
        CleanupConfig cleanup = cleanup(r, p);
        return r.build(p, () -> new GithubMethodConfig(enabled, r.string(p + ".client_id", null), r.string(p + ".client_secret", null),
                r.string(p + ".redirect_address", null), r.list(p + ".scopes"), r.string(p + ".server_url", null),
                r.string(p + ".api_url", null), r.bool(p + ".use_pkce", false), r.list(p + ".allowed_organizations"), teams, cleanup),
                // Keep `enabled` as written so that no follow-on "no method enabled" problem is reported.
                new GithubMethodConfig(enabled, "-", "-", "http://invalid", java.util.List.of(), null, null, false,
                        java.util.List.of(), Map.of(), cleanup));
    }

    private static CleanupConfig cleanup(ConfigReader r, String methodPrefix) {
        return r.build(methodPrefix, () -> new CleanupConfig(
                r.duration(methodPrefix + ".cleanup.interval", CleanupConfig.DEFAULT.interval()),
                r.duration(methodPrefix + ".cleanup.grace_period", CleanupConfig.DEFAULT.gracePeriod())), CleanupConfig.DEFAULT);
    }
}
