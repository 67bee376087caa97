package dev.flagpost.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded cache of resolved client tokens, keyed by token hash. Deleting or expiring an
 * authentication invalidates it here at once; other nodes see the change within the TTL (see
 * docs/architecture.md). A TTL of zero turns the cache off.
 */
public final class AuthenticationCache {
    private final Cache<String, Authentication> cache;
    /** Bumped by every invalidation, so that a lookup racing with a delete never re-caches the deleted row. */
    private final AtomicLong epoch = new AtomicLong();

    public AuthenticationCache(Duration ttl, long maximumSize) {
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    public static AuthenticationCache disabled() {
        return new AuthenticationCache(Duration.ZERO, 0);
    }

    /** The cached authentication for {@code hash}, else what {@code load} finds (cached when found). */
    public Optional<Authentication> get(String hash, Supplier<Optional<Authentication>> load) {
        if (cache == null) {
            return load.get();
        }
        Authentication hit = cache.getIfPresent(hash);
        if (hit != null) {
            return Optional.of(hit);
        }
        long before = epoch.get();
        Optional<Authentication> loaded = load.get();
        loaded.ifPresent(a -> {
            cache.put(hash, a);
            if (epoch.get() != before) {
                cache.invalidate(hash);
            }
        });
        return loaded;
    }

    /** Whether {@code hash} is cached now (a lookup that would not reach the store). */
    public boolean contains(String hash) {
        return peek(hash).isPresent();
    }

    /** The cached authentication for {@code hash}, without loading: empty on a miss. */
    public Optional<Authentication> peek(String hash) {
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(hash));
    }

    public void invalidateId(String id) {
        if (cache != null) {
            epoch.incrementAndGet();
            cache.asMap().values().removeIf(a -> a.id().equals(id));
        }
    }

    public void invalidateAll() {
        if (cache != null) {
            epoch.incrementAndGet();
            cache.invalidateAll();
        }
    }
}
