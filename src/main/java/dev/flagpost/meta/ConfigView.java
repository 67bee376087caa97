package dev.flagpost.meta;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.authn.config.SessionConfig;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.config.GoJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /meta/config} as Flipt v1 writes it: its config structs through Go's JSON encoder —
 * camelCase tags, {@code omitempty} (false, zero, empty left out), durations as nanoseconds, each
 * method's own settings under {@code "Method"} (Go's name for the untagged field, written by the
 * method's plug-in), and every secret left out (client ids and secrets, tokens, keys, JWKS and key-file locations, as Flipt's
 * {@code json:"-"} tags do).
 */
final class ConfigView {
    private ConfigView() {
    }

    static Map<String, Object> of(AuthenticationConfig a) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("required", a.required());
        Map<String, Object> exclude = new LinkedHashMap<>();
        put(exclude, "management", a.exclude().management());
        put(exclude, "evaluation", a.exclude().evaluation());
        put(exclude, "ofrep", a.exclude().ofrep());
        auth.put("exclude", exclude);
        auth.put("session", session(a.session()));

        Map<String, Object> methods = new LinkedHashMap<>();
        for (AuthMethodFactory<?> f : AuthMethods.factories()) {
            methods.put(f.method().configKey(), method(f, a.method(f.method())));
        }
        auth.put("methods", methods);
        return Map.of("authentication", auth);
    }

    private static Map<String, Object> session(SessionConfig s) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "domain", s.domain());
        put(out, "secure", s.secure());
        put(out, "tokenLifetime", s.tokenLifetime());
        put(out, "stateLifetime", s.stateLifetime());
        Map<String, Object> csrf = new LinkedHashMap<>();
        put(csrf, "trustedOrigins", s.csrfTrustedOrigins());
        out.put("csrf", csrf);
        return out;
    }

    /** Only enabled methods that store authentications carry their cleanup schedule (Flipt sets it for enabled ones only). */
    private static <C extends MethodConfig> Map<String, Object> method(AuthMethodFactory<C> f, MethodConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Method", f.view(f.cast(config)));
        put(out, "enabled", config.enabled());
        CleanupConfig cleanup = config.cleanup();
        if (config.enabled() && f.storesAuthentications()) {
            Map<String, Object> c = new LinkedHashMap<>();
            put(c, "interval", cleanup.interval());
            put(c, "gracePeriod", cleanup.gracePeriod());
            out.put("cleanup", c);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        GoJson.put(out, key, value);
    }
}
