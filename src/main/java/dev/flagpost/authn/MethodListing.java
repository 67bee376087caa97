package dev.flagpost.authn;

import dev.flagpost.authn.config.AuthenticationConfig;
import java.util.List;
import java.util.Map;

/**
 * What {@code ListAuthenticationMethods} reports, for HTTP and gRPC: every method of Flipt's proto
 * in Flipt's order, then Flagpost's own (LDAP) only when it is enabled — an enum value a strict
 * Flipt client does not know must not appear in a listing it did not ask for.
 */
public final class MethodListing {
    static final List<Method> ORDER = List.of(Method.TOKEN, Method.GITHUB, Method.OIDC, Method.KUBERNETES, Method.JWT, Method.LDAP);

    private MethodListing() {
    }

    /** @param metadata per-method metadata (authorize/callback URLs), empty where there is none */
    public record Entry(Method method, boolean enabled, boolean sessionCompatible, Map<String, Object> metadata) {
    }

    public static List<Entry> of(AuthenticationConfig config) {
        return of(config, m -> Map.of());
    }

    /** @param metadata a method's routes (authorize/callback URLs), asked only of enabled methods */
    public static List<Entry> of(AuthenticationConfig config, java.util.function.Function<Method, Map<String, Object>> metadata) {
        return ORDER.stream().filter(m -> m != Method.LDAP || config.enabled(m))
                .map(m -> new Entry(m, config.enabled(m), m.sessionCompatible(), config.enabled(m) ? metadata.apply(m) : Map.of())).toList();
    }
}
