package dev.flagpost.authn.method;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.config.ConfigReader;
import io.grpc.BindableService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authentication method as a plug-in (Keycloak's {@code AuthenticatorFactory}, Flipt's
 * {@code AuthenticationMethod[C]}): everything the rest of Flagpost needs to know about a method,
 * declared by the method's own package. Implementations are listed in
 * {@code META-INF/services/dev.flagpost.authn.method.AuthMethodFactory} — the one registration line —
 * and found by {@link AuthMethods#factories()}. Stateless: one instance serves every start.
 *
 * @param <C> the method's validated config record
 */
public interface AuthMethodFactory<C extends MethodConfig> {
    /** Flipt's enum constant for this method; its {@link Method#configKey()} is the config key under {@code authentication.methods}. */
    Method method();

    /** Flipt's {@code session_compatible}: logins end in a browser session (cookie), so {@code session.domain} is needed. */
    boolean sessionCompatible();

    /**
     * The keys this method reads, relative to {@code authentication.methods.<key>}: dot-separated,
     * {@code *} for one map key written by the user, {@code []} after a list, {@code **} for anything
     * below. {@code enabled} and {@code cleanup.*} are every method's and need not be listed.
     * Unknown keys are those no declaration matches.
     */
    List<String> keys();

    /**
     * Binds {@code prefix.*} into the method's record. Every problem goes to {@code reader} with
     * its key; on a problem the returned record keeps {@code enabled} as written, so that no
     * follow-on problem ("no method enabled") is reported.
     */
    C bind(ConfigReader reader, String prefix);

    /** Builds the running method; called only when the config enables it. */
    AuthMethod start(C config, MethodContext context);

    /** Flipt's {@code /meta/config} JSON of the method's own settings (its {@code "Method"} object), secrets left out. */
    default Map<String, Object> view(C config) {
        return Map.of();
    }

    /** Listed by {@code ListAuthenticationMethods} even when disabled (Flipt's own methods are; Flagpost's own are not). */
    default boolean listedWhenDisabled() {
        return true;
    }

    /** Whether its authentications are stored (and so cleaned, expired and revoked); false for JWTs checked per request. */
    default boolean storesAuthentications() {
        return true;
    }

    /** HTTP routes (regexes over the path) that need no caller: login starts and callbacks. */
    default List<String> publicHttpRoutes() {
        return List.of();
    }

    /** gRPC methods ({@code package.Service/Method}) that need no caller. */
    default Set<String> publicRpcs() {
        return Set.of();
    }

    /**
     * The method's gRPC services, served whether the method is enabled or not (a disabled method
     * answers NOT_FOUND, as Flipt's do). Each binds the gate itself and finds its running method
     * through {@code dev.flagpost.grpc.GrpcBridge}.
     */
    default List<BindableService> grpcServices() {
        return List.of();
    }

    /** Casts a bound record back to this factory's type; the registry only pairs a factory with its own records. */
    @SuppressWarnings("unchecked")
    default C cast(MethodConfig config) {
        return (C) config;
    }
}
