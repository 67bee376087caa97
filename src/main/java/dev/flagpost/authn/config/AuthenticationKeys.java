package dev.flagpost.authn.config;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.config.DeclaredKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the {@code authentication:} section: its own, then each registered method's
 * ({@link AuthMethodFactory#keys()}) under {@code authentication.methods.<key>}.
 */
public final class AuthenticationKeys implements DeclaredKeys {
    static final String ROOT = "authentication";
    static final String METHODS = ROOT + ".methods";

    /** The section's own keys, relative to {@code authentication}. */
    private static final List<String> SECTION_KEYS = List.of(
            "required", "exclude.management", "exclude.evaluation", "exclude.ofrep",
            "session.domain", "session.secure", "session.token_lifetime", "session.state_lifetime",
            "session.csrf.key", "session.csrf.trusted_origins[]",
            "client.issuer", "client.client_id", "client.redirect_uri", "client.audience", "client.authorization_metadata_key",
            "client.scopes[]", "methods");
    /** Every method's shared keys. */
    private static final List<String> METHOD_KEYS = List.of("enabled", "cleanup.interval", "cleanup.grace_period");

    @Override
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        SECTION_KEYS.forEach(k -> out.add(ROOT + "." + k));
        for (AuthMethodFactory<?> f : AuthMethods.factories()) {
            String prefix = METHODS + "." + f.method().configKey() + ".";
            METHOD_KEYS.forEach(k -> out.add(prefix + k));
            f.keys().forEach(k -> out.add(prefix + k));
        }
        return out;
    }

    /**
     * {@link #keys()}, and the whole section of each method Flipt names that this build does not
     * serve (LDAP): accepted, so that enabling it is refused by name rather than as a typo.
     */
    static List<String> known() {
        List<String> out = new ArrayList<>(new AuthenticationKeys().keys());
        for (Method m : Method.values()) {
            if (m != Method.NONE && AuthMethods.factory(m).isEmpty()) {
                out.add(METHODS + "." + m.configKey() + ".**");
            }
        }
        return out;
    }
}
