package dev.flagpost.authn.method.oidc;

import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code authentication.methods.oidc}: any number of providers, each with its own routes, and
 * {@code email_matches}: when set, a login (and every later request of its session) passes only if
 * the email from the ID token fully matches one of the regexes.
 */
public record OidcMethodConfig(boolean enabled, List<String> emailMatches, Map<String, OidcProviderConfig> providers,
                               CleanupConfig cleanup) implements MethodConfig {
    // "At least one provider" is checked by the binder, so that a config with a broken provider still
    // binds as enabled (and reports the provider's problem, not a follow-on one).

    public OidcMethodConfig {
        emailMatches = emailMatches == null ? List.of() : List.copyOf(emailMatches);
        providers = providers == null ? Map.of() : new LinkedHashMap<>(providers);
        cleanup = cleanup == null ? CleanupConfig.DEFAULT : cleanup;
        for (int i = 0; i < emailMatches.size(); i++) {
            try {
                Pattern.compile(emailMatches.get(i));
            } catch (PatternSyntaxException e) {
                throw InvalidConfigException.of("email_matches[" + i + "]", "not a valid regular expression: " + e.getDescription(),
                        "write a Java regex, e.g. ^.+@example\\.com$");
            }
        }
        providers = java.util.Collections.unmodifiableMap(providers);
    }

    public static OidcMethodConfig disabled() {
        return new OidcMethodConfig(false, List.of(), Map.of(), CleanupConfig.DEFAULT);
    }

    public Optional<OidcProviderConfig> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public List<Pattern> emailPatterns() {
        List<Pattern> out = new ArrayList<>();
        emailMatches.forEach(e -> out.add(Pattern.compile(e)));
        return out;
    }
}
