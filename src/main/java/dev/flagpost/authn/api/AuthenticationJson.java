package dev.flagpost.authn.api;

import dev.flagpost.authn.Authentication;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Flipt's Authentication in JSON: camelCase, enum names, RFC 3339 times, unset fields left out. */
@JsonbPropertyOrder({"id", "method", "expiresAt", "createdAt", "updatedAt", "metadata"})
public record AuthenticationJson(String id, String method, Instant expiresAt, Instant createdAt, Instant updatedAt,
                                 Map<String, String> metadata) {
    public static AuthenticationJson of(Authentication a) {
        return new AuthenticationJson(a.id(), a.method().wireName(), a.expiresAt(), a.createdAt(), a.updatedAt(),
                new TreeMap<>(a.metadata()));
    }
}
