package dev.flagpost.authn;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.method.ConfiguredAuthentications;
import dev.flagpost.authn.store.AuthenticationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Managing authentications, shared by the REST resources and (later) the gRPC services: reads,
 * deletes and expiry, each keeping the cache honest and leaving an audit line (Flipt #1529).
 */
public final class AuthenticationService {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");

    private final AuthenticationStore store;
    private final ConfiguredAuthentications statics;
    private final AuthenticationCache cache;
    private final Clock clock;

    public AuthenticationService(AuthenticationStore store, ConfiguredAuthentications statics, AuthenticationCache cache, Clock clock) {
        this.store = store;
        this.statics = statics;
        this.cache = cache;
        this.clock = clock;
    }

    public Authentication get(String id) {
        Optional<Authentication> configured = statics.byId(id);
        if (configured.isPresent()) {
            return configured.get();
        }
        return store.findById(id).orElseThrow(() -> FliptException.notFound("authentication \"" + id + "\" not found"));
    }

    public AuthenticationStore.Page list(Method method, int limit, String pageToken) {
        long offset = 0;
        if (pageToken != null && !pageToken.isEmpty()) {
            try {
                offset = Long.parseLong(pageToken);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw FliptException.invalidArgument("pageToken is not valid");
            }
        }
        if (limit < 0) {
            throw FliptException.invalidArgument("limit must not be negative");
        }
        return store.list(new AuthenticationStore.ListQuery(method, limit, offset, false));
    }

    public void delete(String id, Authentication caller) {
        refuseStatic(id);
        if (!store.delete(id)) {
            throw FliptException.notFound("authentication \"" + id + "\" not found");
        }
        cache.invalidateId(id);
        AUDIT.info(() -> "authentication deleted: id=" + id + " by=" + caller.id());
    }

    /** Ends the caller's own authentication now, or at {@code requested}; never later than it already ends. */
    public void expireSelf(Authentication caller, Instant requested) {
        refuseStatic(caller);
        Instant now = clock.instant();
        Instant at = requested == null ? now : requested;
        if (caller.expiresAt() != null && at.isAfter(caller.expiresAt())) {
            throw FliptException.invalidArgument("expiresAt cannot be later than the current expiry (" + caller.expiresAt() + ")");
        }
        if (store.expire(caller.id(), at).isEmpty()) {
            throw FliptException.notFound("authentication \"" + caller.id() + "\" not found");
        }
        cache.invalidateId(caller.id());
        AUDIT.info(() -> "authentication expired: id=" + caller.id() + " at=" + at);
    }

    public void revokeSelf(Authentication caller) {
        refuseStatic(caller);
        store.delete(caller.id());
        cache.invalidateId(caller.id());
        AUDIT.info(() -> "authentication revoked by its holder: id=" + caller.id());
    }

    private void refuseStatic(Authentication a) {
        if (!a.isStatic()) {
            return;
        }
        if (!AuthMethods.factory(a.method()).map(AuthMethodFactory::storesAuthentications).orElse(true)) {
            throw new FliptException(Code.FAILED_PRECONDITION, a.method().name() + " authentications are not stored: "
                    + "they end when their credential expires and cannot be expired or revoked here");
        }
        refuseStatic(a.id());
    }

    private void refuseStatic(String id) {
        String why = statics.whyUnchangeable(id);
        if (why != null) {
            throw new FliptException(Code.FAILED_PRECONDITION, why);
        }
    }
}
