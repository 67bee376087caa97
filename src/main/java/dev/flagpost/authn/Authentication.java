package dev.flagpost.authn;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Who a caller is: Flipt's Authentication. {@code id} is a UUID for stored authentications, the
 * configured key for static tokens and {@code jwt:<sub>} for JWTs; {@code expiresAt} is null for
 * authentications that never expire. {@code isStatic}: not stored (a static token or a JWT), so it
 * cannot be deleted, expired or revoked through the API.
 */
public record Authentication(String id, Method method, Instant expiresAt, Instant createdAt, Instant updatedAt,
                             Map<String, String> metadata, boolean isStatic) {

    public static final String META_TOKEN_NAME = "io.flipt.auth.token.name";
    public static final String META_TOKEN_DESCRIPTION = "io.flipt.auth.token.description";
    public static final String META_TOKEN_NAMESPACE = "io.flipt.auth.token.namespace";

    public Authentication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * Whether it has expired by {@code clock}, to the millisecond, as checked on every request: the
     * clock is read only when the authentication expires at all, and as {@link Clock#millis}, since
     * the system clock's {@code instant()} goes through a native call that the profile showed as
     * 0.15 µs of a cached credential's check, where {@code millis()} is a JIT intrinsic.
     */
    public boolean isExpired(Clock clock) {
        return expiresAt != null && expiresAt.toEpochMilli() < clock.millis();
    }

    /** The namespace a scoped token is limited to, if any. */
    public String namespace() {
        return metadata.get(META_TOKEN_NAMESPACE);
    }
}
