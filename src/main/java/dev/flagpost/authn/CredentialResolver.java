package dev.flagpost.authn;

import dev.flagpost.authn.method.ConfiguredAuthentications;
import dev.flagpost.authn.store.AuthenticationStore;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place a credential becomes an Authentication, for HTTP and gRPC alike. Configured
 * (static) tokens first, then the cache, then the store. A store failure is {@code Unavailable}, never a verdict.
 */
public final class CredentialResolver {
    private static final Logger LOG = Logger.getLogger(CredentialResolver.class.getName());
    private static final Resolution UNKNOWN = new Resolution.Unauthenticated("unknown client token");
    private static final Resolution EXPIRED = new Resolution.Unauthenticated("client token has expired");

    private final ConfiguredAuthentications statics;
    private final AuthenticationStore store;
    private final AuthenticationCache cache;
    private final Clock clock;
    private final Function<Authentication, String> refusal;
    private final Function<String, Resolution> jwt;

    public CredentialResolver(ConfiguredAuthentications statics, AuthenticationStore store, AuthenticationCache cache, Clock clock,
                              Predicate<Method> methodEnabled) {
        this(statics, store, cache, clock, a -> methodEnabled.test(a.method()) ? null : "the " + a.method().configKey() + " method is not enabled", null);
    }

    /**
     * @param refusal why a stored, unexpired authentication is no longer accepted (its method was switched
     *                off, its email no longer passes email_matches), or null when it is
     * @param jwt     the verifier of the running method that takes JWTs, or null when none does
     */
    public CredentialResolver(ConfiguredAuthentications statics, AuthenticationStore store, AuthenticationCache cache, Clock clock,
                              Function<Authentication, String> refusal, Function<String, Resolution> jwt) {
        this.jwt = jwt;
        this.statics = statics;
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.refusal = refusal;
    }

    public Resolution resolve(Credential credential) {
        if (credential instanceof Credential.ClientToken t) {
            return resolveClientToken(t.value());
        }
        return jwt == null ? new Resolution.Unauthenticated("the jwt method is not enabled") : jwt.apply(credential.value());
    }

    /**
     * Whether {@link #resolve} would answer without I/O: a configured token, or a stored one in the
     * cache. JWTs are not promised (their keys may have to be fetched). Callers use this to decide
     * whether a request may run on a thread that must never block (gRPC's event loop).
     */
    public boolean resolvesWithoutIo(Credential credential) {
        return resolveInMemory(credential).isPresent();
    }

    /**
     * {@link #resolve}, from memory only: the answer for a configured token or a cached one, empty
     * when it would take the store or a key server. Lets a caller that must not block (gRPC's event
     * loop) decide once and never do I/O, instead of checking first and resolving later.
     */
    public Optional<Resolution> resolveInMemory(Credential credential) {
        if (!(credential instanceof Credential.ClientToken t)) {
            return Optional.empty();
        }
        String hash = ClientTokens.hash(t.value());
        Optional<Authentication> configured = statics.byHash(hash);
        if (configured.isPresent()) {
            return Optional.of(new Resolution.Authenticated(configured.get()));
        }
        return cache.peek(hash).map(this::verdict);
    }

    private Resolution resolveClientToken(String token) {
        String hash = ClientTokens.hash(token);
        Optional<Authentication> configured = statics.byHash(hash);
        if (configured.isPresent()) {
            return new Resolution.Authenticated(configured.get());
        }
        Optional<Authentication> found;
        try {
            found = cache.get(hash, () -> store.findByTokenHash(hash));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "client token could not be checked: " + e.getMessage());
            return new Resolution.Unavailable("the authentication store is unavailable");
        }
        return found.isEmpty() ? UNKNOWN : verdict(found.get());
    }

    /** A found authentication's verdict: expired, no longer accepted, or the caller. */
    private Resolution verdict(Authentication a) {
        if (a.isExpired(clock)) {
            return EXPIRED;
        }
        String refused = refusal.apply(a);
        if (refused != null) {
            return new Resolution.Unauthenticated(refused);
        }
        return new Resolution.Authenticated(a);
    }
}
