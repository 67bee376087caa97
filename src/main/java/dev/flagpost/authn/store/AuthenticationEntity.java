package dev.flagpost.authn.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of Flipt's {@code authentications} table. Only the SHA-256 of the client token is kept. */
@Entity
@Table(name = "authentications")
public class AuthenticationEntity {
    @Id
    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "hashed_client_token", nullable = false, unique = true, length = 64)
    String hashedClientToken;

    @Column(name = "method", nullable = false)
    int method;

    @Convert(converter = MetadataConverter.class)
    @Column(name = "metadata", nullable = false)
    Map<String, String> metadata;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected AuthenticationEntity() {
    }
}
