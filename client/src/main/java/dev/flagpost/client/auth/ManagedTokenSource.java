package dev.flagpost.client.auth;

import dev.flagpost.client.store.MemoryTokenStore;
import dev.flagpost.client.store.TokenStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Caches, persists and renews credentials for one server endpoint.
 * <ul>
 *   <li>single-flight: one renewal at a time; callers that waited reuse its result;</li>
 *   <li>compare-and-invalidate: a rejection renews only if the rejected token is still current;</li>
 *   <li>proactive: tokens within {@code margin} of expiry are renewed before use;</li>
 *   <li>refresh_token grant first; if the refresh token is refused, the interactive flow (when
 *       allowed); a transient failure (network, IdP 5xx) keeps the stored refresh token.</li>
 * </ul>
 */
public final class ManagedTokenSource implements TokenSource {
    private static final System.Logger LOG = System.getLogger(ManagedTokenSource.class.getName());
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);

    private final Authenticator authenticator;
    private final TokenStore store;
    private final String endpointKey;
    private final Clock clock;
    private final Duration margin;
    private final boolean interactiveAllowed;
    private final String scheme;
    private final String headerKey;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Credentials current;
    private boolean loaded;

    private ManagedTokenSource(Builder b) {
        this.authenticator = Objects.requireNonNull(b.authenticator, "authenticator");
        this.endpointKey = Objects.requireNonNull(b.endpointKey, "endpointKey");
        this.store = b.store;
        this.clock = b.clock;
        this.margin = b.margin;
        this.interactiveAllowed = b.interactiveAllowed;
        this.scheme = b.scheme;
        this.headerKey = b.headerKey;
    }

    public static Builder builder(Authenticator authenticator, String endpointKey) {
        return new Builder(authenticator, endpointKey);
    }

    @Override
    public Credentials credentials() {
        Credentials c = current;
        if (c != null && !c.expiresWithin(margin, clock)) {
            return c;
        }
        lock.lock();
        try {
            c = loadedCurrent();
            if (c != null && !c.expiresWithin(margin, clock)) {
                return c; // renewed by the caller we waited for
            }
            return renew(c);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Credentials onRejected(String rejectedAccessToken) {
        lock.lock();
        try {
            Credentials c = loadedCurrent();
            if (c != null && !Fingerprint.same(c.accessToken(), rejectedAccessToken)
                    && !c.expiresWithin(margin, clock)) {
                return c; // someone already replaced the rejected token
            }
            LOG.log(System.Logger.Level.DEBUG, "server rejected " + Fingerprint.of(rejectedAccessToken) + "; renewing");
            // Keep the refresh token: only the access token is known bad.
            return renew(c == null ? null : c.expiredAt(clock.instant()));
        } finally {
            lock.unlock();
        }
    }

    /** Runs the full flow now (explicit `login`) and stores the result. */
    public Credentials login() {
        lock.lock();
        try {
            loaded = true;
            return adopt(authenticator.authenticate());
        } finally {
            lock.unlock();
        }
    }

    /** Forgets this endpoint's credentials, in memory and in the store. */
    public void logout() {
        lock.lock();
        try {
            current = null;
            loaded = true;
            store.delete(endpointKey);
        } finally {
            lock.unlock();
        }
    }

    /** Callers blocked waiting for a renewal in flight (tests use it to prove single-flight). */
    int queuedCallers() {
        return lock.getQueueLength();
    }

    @Override
    public String headerKey() {
        return headerKey;
    }

    private Credentials loadedCurrent() {
        if (!loaded) {
            loaded = true;
            if (authenticator.persistable() && current == null) {
                current = store.load(endpointKey).map(this::withConfiguredScheme).orElse(null);
            }
        }
        return current;
    }

    private Credentials renew(Credentials stale) {
        if (stale == null) {
            if (authenticator.interactive() && !interactiveAllowed) {
                throw new AccessTokenNotFoundException("not logged in to " + endpointKey + "; run `flagpost login`");
            }
            return adopt(authenticator.authenticate());
        }
        try {
            return adopt(authenticator.refresh(stale));
        } catch (AccessTokenNotFoundException e) {
            if (!authenticator.interactive()) {
                throw e;
            }
            // The refresh token is gone or refused: it is useless, drop it, then log in again if we may.
            current = null;
            if (authenticator.persistable()) {
                store.delete(endpointKey);
            }
            if (!interactiveAllowed) {
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "refresh refused for " + endpointKey + "; starting a new login");
            return adopt(authenticator.authenticate());
        }
        // Any other AuthenticationException (transient included) propagates and leaves the store untouched.
    }

    /** The scheme follows today's configuration, not the one in force when the token was stored. */
    private Credentials withConfiguredScheme(Credentials c) {
        return scheme != null && !authenticator.issuesFlagpostClientTokens() ? c.withScheme(scheme) : c;
    }

    private Credentials adopt(Credentials fresh) {
        fresh = withConfiguredScheme(fresh);
        current = fresh;
        if (authenticator.persistable()) {
            store.save(endpointKey, fresh);
        }
        LOG.log(System.Logger.Level.DEBUG, "new credentials for " + endpointKey + ": " + fresh);
        return fresh;
    }

    public static final class Builder {
        private final Authenticator authenticator;
        private final String endpointKey;
        private TokenStore store = new MemoryTokenStore();
        private Clock clock = Clock.systemUTC();
        private Duration margin = DEFAULT_MARGIN;
        private boolean interactiveAllowed = true;
        private String scheme;
        private String headerKey = "authorization";

        private Builder(Authenticator authenticator, String endpointKey) {
            this.authenticator = authenticator;
            this.endpointKey = endpointKey;
        }

        /** Should be a {@link dev.flagpost.client.store.FailSafeTokenStore} (as TokenStores returns). */
        public Builder store(TokenStore v) { store = Objects.requireNonNull(v); return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }
        /** Renew this long before {@code expiresAt}; default 60 s. */
        public Builder margin(Duration v) { margin = Objects.requireNonNull(v); return this; }
        /** False for unattended processes: fail with AccessTokenNotFoundException instead of opening a browser. */
        public Builder interactiveAllowed(boolean v) { interactiveAllowed = v; return this; }
        /**
         * Authorization scheme for IdP tokens: "Bearer" (default) or "JWT". Flagpost, like Flipt, reads
         * {@code Bearer} as a Flagpost client token and {@code JWT} as an IdP JWT for its JWT method.
         * Flagpost client tokens (static, Kubernetes) always stay Bearer.
         */
        public Builder scheme(String v) { scheme = v; return this; }
        public Builder headerKey(String v) { headerKey = v.toLowerCase(java.util.Locale.ROOT); return this; }

        public ManagedTokenSource build() {
            return new ManagedTokenSource(this);
        }
    }
}
