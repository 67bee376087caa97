package dev.flagpost.authn.config;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.method.github.GithubMethodConfig;
import dev.flagpost.authn.method.jwt.JwtMethodConfig;
import dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig;
import dev.flagpost.authn.method.oidc.OidcMethodConfig;
import dev.flagpost.authn.method.token.TokenMethodConfig;
import dev.flagpost.config.ConfigProblem;
import dev.flagpost.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code authentication:} section. Unlike Flipt, {@code required} defaults to true: an API is
 * open only when a config says {@code required: false}.
 *
 * @param methods settings shared by every method (enabled, cleanup), keyed by method; the token,
 *                jwt, oidc and kubernetes methods' own settings are in their records
 * @param client  what clients are told about the identity provider ({@code authentication.client})
 */
public record AuthenticationConfig(boolean required, Exclusions exclude, SessionConfig session,
                                   TokenMethodConfig token, JwtMethodConfig jwt, OidcMethodConfig oidc, GithubMethodConfig github,
                                   KubernetesMethodConfig kubernetes, Map<Method, MethodSettings> methods, ClientAuthConfig client) {

    public AuthenticationConfig {
        methods = methods.isEmpty() ? new EnumMap<>(Method.class) : new EnumMap<>(methods);
        // The OIDC method's own record is the source of truth for its shared settings.
        methods.put(Method.OIDC, new MethodSettings(oidc.enabled(), oidc.cleanup()));
        methods.put(Method.GITHUB, new MethodSettings(github.enabled(), github.cleanup()));
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> sessionMethods = methods.entrySet().stream()
                .filter(e -> e.getValue().enabled() && e.getKey().sessionCompatible())
                .map(e -> e.getKey().configKey()).toList();
        if (!sessionMethods.isEmpty() && !session.hasDomain()) {
            problems.add(new ConfigProblem("session.domain",
                    "non-empty value is required when a session compatible method is enabled (" + String.join(", ", sessionMethods) + ")",
                    "set authentication.session.domain to the public host name of this server, e.g. flags.example.com"));
        }
        if (required && !token.enabled() && !jwt.enabled() && !kubernetes.enabled() && methods.values().stream().noneMatch(MethodSettings::enabled)) {
            problems.add(new ConfigProblem("required",
                    "authentication is required but no authentication method is enabled, so no request could ever succeed",
                    "enable a method (authentication.methods.token.enabled: true) or set authentication.required: false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        methods = Map.copyOf(methods);
    }

    public MethodSettings method(Method m) {
        if (m == Method.TOKEN) {
            return new MethodSettings(token.enabled(), token.cleanup());
        }
        if (m == Method.JWT) {
            return new MethodSettings(jwt.enabled(), CleanupConfig.DEFAULT);
        }
        if (m == Method.KUBERNETES) {
            return new MethodSettings(kubernetes.enabled(), kubernetes.cleanup());
        }
        return methods.getOrDefault(m, MethodSettings.DISABLED);
    }

    public boolean enabled(Method m) {
        return method(m).enabled();
    }
}
