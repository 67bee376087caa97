package dev.flagpost.authn;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code ListAuthenticationMethods} reports, for HTTP and gRPC: every registered method in
 * Flipt's order ({@link Method}'s), those Flipt's proto does not know only when enabled — an enum
 * value a strict Flipt client does not know must not appear in a listing it did not ask for.
 */
public final class MethodListing {
    private MethodListing() {
    }

    /** @param metadata per-method metadata (authorize/callback URLs), empty where there is none */
    public record Entry(Method method, boolean enabled, boolean sessionCompatible, Map<String, Object> metadata) {
    }

    public static List<Entry> of(AuthenticationConfig config) {
        return of(config, m -> Map.of());
    }

    /** @param metadata a method's routes (authorize/callback URLs), asked only of enabled methods */
    public static List<Entry> of(AuthenticationConfig config, Function<Method, Map<String, Object>> metadata) {
        return AuthMethods.factories().stream()
                .filter(f -> f.listedWhenDisabled() || config.enabled(f.method()))
                .map(f -> entry(f, config, metadata)).toList();
    }

    private static Entry entry(AuthMethodFactory<?> f, AuthenticationConfig config, Function<Method, Map<String, Object>> metadata) {
        boolean enabled = config.enabled(f.method());
        return new Entry(f.method(), enabled, f.sessionCompatible(), enabled ? metadata.apply(f.method()) : Map.of());
    }
}
