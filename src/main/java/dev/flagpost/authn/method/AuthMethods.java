package dev.flagpost.authn.method;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.config.MethodConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered method plug-ins ({@link #factories()}, found once by {@link ServiceLoader}) and,
 * per start, the running ones ({@link #start}). Everything that used to switch over methods loops
 * over these instead.
 */
public final class AuthMethods {
    private static final Map<Method, AuthMethodFactory<?>> FACTORIES = load();

    private final Map<Method, AuthMethod> running;
    private final AuthMethod.JwtVerifier jwt;

    private AuthMethods(Map<Method, AuthMethod> running) {
        this.running = Collections.unmodifiableMap(running);
        this.jwt = running.values().stream().flatMap(m -> m.jwtVerifier().stream()).findFirst().orElse(null);
    }

    private static Map<Method, AuthMethodFactory<?>> load() {
        Map<Method, AuthMethodFactory<?>> out = new EnumMap<>(Method.class);
        for (AuthMethodFactory<?> f : ServiceLoader.load(AuthMethodFactory.class, AuthMethodFactory.class.getClassLoader())) {
            AuthMethodFactory<?> earlier = out.put(f.method(), f);
            if (earlier != null) {
                throw new IllegalStateException("two factories for " + f.method() + ": " + earlier.getClass() + " and " + f.getClass());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every registered method, in {@link Method}'s order (Flipt's listing order). */
    public static List<AuthMethodFactory<?>> factories() {
        return List.copyOf(FACTORIES.values());
    }

    public static Optional<AuthMethodFactory<?>> factory(Method m) {
        return Optional.ofNullable(FACTORIES.get(m));
    }

    /** Whether logins of {@code m} end in a browser session; false for a method this build does not serve. */
    public static boolean sessionCompatible(Method m) {
        return factory(m).map(AuthMethodFactory::sessionCompatible).orElse(false);
    }

    /** Starts every method {@code config} enables, in order. */
    public static AuthMethods start(AuthenticationConfig config, MethodContext context) {
        Map<Method, AuthMethod> running = new EnumMap<>(Method.class);
        for (AuthMethodFactory<?> f : FACTORIES.values()) {
            if (config.enabled(f.method())) {
                running.put(f.method(), startOne(f, config, context));
            }
        }
        return new AuthMethods(running);
    }

    /** Methods already running (tests, and callers that build them themselves). */
    public static AuthMethods of(AuthMethod... running) {
        Map<Method, AuthMethod> out = new EnumMap<>(Method.class);
        for (AuthMethod m : running) {
            out.put(m.method(), m);
        }
        return new AuthMethods(out);
    }

    private static <C extends MethodConfig> AuthMethod startOne(AuthMethodFactory<C> f, AuthenticationConfig config, MethodContext context) {
        return f.start(f.cast(config.method(f.method())), context);
    }

    /** A running method of {@code type} ({@code OidcMethod.class}), or empty when its method is off. */
    public <T extends AuthMethod> Optional<T> running(Class<T> type) {
        return running.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public Optional<AuthMethod> running(Method m) {
        return Optional.ofNullable(running.get(m));
    }

    public boolean enabled(Method m) {
        return running.containsKey(m);
    }

    /** Why a stored authentication no longer passes although unexpired: its method is off, or the method refuses it now. */
    public String refusal(Authentication a) {
        AuthMethod m = running.get(a.method());
        if (m == null) {
            return "the " + a.method().configKey() + " method is not enabled";
        }
        return m.refusal(a);
    }

    /** The JWT verifier of the running method that takes JWTs, or null when none does. */
    public AuthMethod.JwtVerifier jwtVerifier() {
        return jwt;
    }

    /** Configured (not stored) authentications of every running method, as one. */
    public ConfiguredAuthentications configured() {
        List<ConfiguredAuthentications> out = new ArrayList<>();
        running.values().forEach(m -> {
            if (m.configured() != ConfiguredAuthentications.NONE) {
                out.add(m.configured());
            }
        });
        return ConfiguredAuthentications.of(out);
    }

    /** The listing metadata of an enabled method; empty for the others. */
    public Map<String, Object> listingMetadata(Method m, String prefix) {
        AuthMethod r = running.get(m);
        return r == null ? Map.of() : r.listingMetadata(prefix);
    }
}
