package dev.flagpost.meta;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.config.SessionConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /meta/config} as Flipt v1 writes it: its config structs through Go's JSON encoder —
 * camelCase tags, {@code omitempty} (false, zero, empty left out), durations as nanoseconds, each
 * method's own settings under {@code "Method"} (Go's name for the untagged field), and every
 * secret left out (client ids and secrets, tokens, keys, JWKS and key-file locations, as Flipt's
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
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        put(bootstrap, "expiration", a.token().bootstrap().expiration());
        put(bootstrap, "metadata", a.token().bootstrap().metadata());
        methods.put("token", method(Map.of("bootstrap", bootstrap), a.token().enabled(), a.token().cleanup()));

        Map<String, Object> github = new LinkedHashMap<>();
        put(github, "serverUrl", a.github().serverUrl());
        put(github, "apiUrl", a.github().apiUrl());
        put(github, "redirectAddress", a.github().redirectAddress());
        put(github, "scopes", a.github().scopes());
        put(github, "allowedOrganizations", a.github().allowedOrganizations());
        put(github, "allowedTeams", a.github().allowedTeams());
        methods.put("github", method(github, a.github().enabled(), a.github().cleanup()));

        Map<String, Object> oidc = new LinkedHashMap<>();
        put(oidc, "emailMatches", a.oidc().emailMatches());
        Map<String, Object> providers = new LinkedHashMap<>();
        a.oidc().providers().forEach((name, p) -> {
            Map<String, Object> provider = new LinkedHashMap<>();
            put(provider, "issuerURL", p.issuerUrl());
            put(provider, "redirectAddress", p.redirectAddress());
            put(provider, "scopes", p.scopes());
            put(provider, "usePKCE", p.usePkce());
            providers.put(name, provider);
        });
        put(oidc, "providers", providers);
        methods.put("oidc", method(oidc, a.oidc().enabled(), a.oidc().cleanup()));

        Map<String, Object> kubernetes = new LinkedHashMap<>();
        put(kubernetes, "discoveryURL", a.kubernetes().discoveryUrl());
        put(kubernetes, "caPath", a.kubernetes().caPath());
        put(kubernetes, "serviceAccountTokenPath", a.kubernetes().serviceAccountTokenPath());
        methods.put("kubernetes", method(kubernetes, a.kubernetes().enabled(), a.kubernetes().cleanup()));

        methods.put("jwt", method(Map.of(), a.jwt().enabled(), null)); // every JWT setting is json:"-" in Flipt
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

    /** Only enabled methods carry their cleanup schedule (Flipt sets it for enabled ones only). */
    private static Map<String, Object> method(Map<String, Object> own, boolean enabled, CleanupConfig cleanup) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Method", own);
        put(out, "enabled", enabled);
        if (enabled && cleanup != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            put(c, "interval", cleanup.interval());
            put(c, "gracePeriod", cleanup.gracePeriod());
            out.put("cleanup", c);
        }
        return out;
    }

    /** Go's omitempty: false, zero, empty strings and empty collections are left out; durations are nanoseconds. */
    private static void put(Map<String, Object> out, String key, Object value) {
        Object v = value instanceof Duration d ? d.toNanos() : value;
        boolean empty = v == null || Boolean.FALSE.equals(v) || (v instanceof Number n && n.longValue() == 0)
                || (v instanceof String s && s.isEmpty()) || (v instanceof Collection<?> c && c.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty());
        if (!empty) {
            out.put(key, v);
        }
    }
}
