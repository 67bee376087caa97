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
 * Which keys are maps comes from the declarations, so a method's new map needs no entry here.
 */
final class EnvMapKeys {
    /** The maps among the declared keys ({@link DeclaredKeys}): each method declares its own. */
    private static final List<KeyDeclarations.MapKey> MAPS = KeyDeclarations.maps(DeclaredKeys.all());

    private EnvMapKeys() {
    }

    static Map<String, String> from(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyDeclarations.MapKey map : MAPS) {
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
