package dev.flagpost.authn.config;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.KeyDeclarations;
import dev.flagpost.config.KeySuggestions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code authentication:} section into validated records, collecting every problem with
 * its key. Known keys are the declared ones ({@link AuthenticationKeys}); each method's settings
 * are bound by its plug-in ({@link AuthMethodFactory#bind}).
 */
public final class AuthenticationConfigBinder {
    private static final String ROOT = AuthenticationKeys.ROOT;
    private static final String METHODS = AuthenticationKeys.METHODS;

    /** Keys this build understands (declared by the section and each method); anything else under {@code authentication.} is most likely a typo. */
    static final List<Pattern> KNOWN = KeyDeclarations.patterns(AuthenticationKeys.known());

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

        Map<Method, MethodConfig> methods = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            if (m == Method.NONE) {
                continue;
            }
            String prefix = METHODS + "." + m.configKey();
            Optional<AuthMethodFactory<?>> factory = AuthMethods.factory(m);
            if (factory.isPresent()) {
                methods.put(m, factory.get().bind(r, prefix));
                continue;
            }
            boolean enabled = r.bool(prefix + ".enabled", false);
            if (enabled) {
                r.problem(prefix + ".enabled", "the " + m.configKey() + " method is not available in this version of Flagpost",
                        "set " + prefix + ".enabled: false, or use the token method");
            }
            methods.put(m, new MethodConfig.Unavailable(enabled, CleanupConfig.bind(r, prefix)));
        }
        String c = ROOT + ".client";
        ClientAuthConfig client = r.build(c, () -> new ClientAuthConfig(r.string(c + ".issuer", null), r.string(c + ".client_id", null),
                r.string(c + ".redirect_uri", null), r.list(c + ".scopes"), r.string(c + ".audience", null),
                r.string(c + ".authorization_metadata_key", null)), ClientAuthConfig.none());
        boolean required = r.bool("authentication.required", true);
        return r.build(ROOT, () -> new AuthenticationConfig(required, exclude, session, methods, client),
                new AuthenticationConfig(false, exclude, session, Map.of(), client));
    }
}
