package dev.flagpost.authn;

import dev.flagpost.authn.config.AuthenticationConfig;
import java.util.List;
import java.util.Map;

/** What {@code ListAuthenticationMethods} reports, for HTTP and gRPC: every method in Flipt's order, LDAP last. */
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
        return ORDER.stream().map(m -> new Entry(m, config.enabled(m), m.sessionCompatible(),
                config.enabled(m) ? metadata.apply(m) : Map.of())).toList();
    }
}
