package dev.flagpost.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Map entries that only the environment declares, as Flipt's config loader reads them: a map key
 * has no name of its own until an environment variable gives it one, so
 * {@code FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_METADATA_IS_BOOTSTRAP=true} becomes
 * {@code authentication.methods.token.bootstrap.metadata.is_bootstrap} and
 * {@code FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_GOOGLE_CLIENT_ID} becomes
 * {@code authentication.methods.oidc.providers.google.client_id}. Keys are lower-cased, as in Flipt.
 */
final class EnvMapKeys {
    /** A map-valued key; {@code fields} are the settings of each entry when entries are records, empty for plain values. */
    private record MapKey(String prefix, List<String> fields) {
    }

    private static final List<MapKey> MAPS = List.of(
            new MapKey("authentication.methods.token.bootstrap.metadata", List.of()),
            new MapKey("authentication.methods.github.allowed_teams", List.of()),
            new MapKey("authentication.methods.jwt.claims_mapping", List.of()),
            new MapKey("authentication.methods.oidc.providers", List.of("issuer_url", "client_id", "client_secret",
                    "redirect_address", "scopes", "use_pkce", "nonce", "use_end_session_endpoint")));

    private EnvMapKeys() {
    }

    static Map<String, String> from(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (MapKey map : MAPS) {
            String envPrefix = FliptYamlConfigSource.envNameFor(map.prefix()) + "_";
            env.forEach((name, value) -> {
                if (!name.startsWith(envPrefix) || name.length() == envPrefix.length()) {
                    return;
                }
                String rest = name.substring(envPrefix.length());
                if (map.fields().isEmpty()) {
                    out.put(map.prefix() + "." + rest.toLowerCase(Locale.ROOT), value);
                    return;
                }
                for (String field : map.fields()) {
                    String suffix = "_" + field.toUpperCase(Locale.ROOT);
                    if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                        String entry = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT);
                        out.put(map.prefix() + "." + entry + "." + field, value);
                        return;
                    }
                }
            });
        }
        return out;
    }
}
