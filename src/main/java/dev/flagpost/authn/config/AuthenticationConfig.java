package dev.flagpost.authn.config;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.client.ClientAuthConfig;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.config.ConfigProblem;
import dev.flagpost.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code authentication:} section. Unlike Flipt, {@code required} defaults to true: an API is
 * open only when a config says {@code required: false}.
 *
 * @param methods each method's own validated record ({@code TokenMethodConfig}, ...), bound by its
 *                plug-in; a method not in the map is disabled
 * @param client  what clients are told about the identity provider ({@code authentication.client})
 */
public record AuthenticationConfig(boolean required, Exclusions exclude, SessionConfig session, Map<Method, MethodConfig> methods,
                                   ClientAuthConfig client) {

    public AuthenticationConfig {
        methods = Collections.unmodifiableMap(methods.isEmpty() ? new EnumMap<>(Method.class) : new EnumMap<>(methods));
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> sessionMethods = methods.entrySet().stream()
                .filter(e -> e.getValue().enabled() && AuthMethods.sessionCompatible(e.getKey()))
                .map(e -> e.getKey().configKey()).toList();
        if (!sessionMethods.isEmpty() && !session.hasDomain()) {
            problems.add(new ConfigProblem("session.domain",
                    "non-empty value is required when a session compatible method is enabled (" + String.join(", ", sessionMethods) + ")",
                    "set authentication.session.domain to the public host name of this server, e.g. flags.example.com"));
        }
        if (required && methods.values().stream().noneMatch(MethodConfig::enabled)) {
            problems.add(new ConfigProblem("required",
                    "authentication is required but no authentication method is enabled, so no request could ever succeed",
                    "enable a method (authentication.methods.token.enabled: true) or set authentication.required: false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    public MethodConfig method(Method m) {
        return methods.getOrDefault(m, MethodConfig.Unavailable.DISABLED);
    }

    /** A method's own record, typed ({@code method(m, XMethodConfig.class)}); empty when it is not bound (this build does not serve it). */
    public <C extends MethodConfig> java.util.Optional<C> method(Method m, Class<C> type) {
        MethodConfig c = methods.get(m);
        return type.isInstance(c) ? java.util.Optional.of(type.cast(c)) : java.util.Optional.empty();
    }

    public boolean enabled(Method m) {
        return method(m).enabled();
    }
}
