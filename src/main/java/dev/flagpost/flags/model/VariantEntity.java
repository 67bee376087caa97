package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "variants")
public class VariantEntity {
    @Id
    public UUID id;
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Column(name = "flag_key")
    public String flagKey;
    @Column(name = "`key`")
    public String key;
    public String name = "";
    public String description = "";
    /** JSON text, or empty. */
    public String attachment = "";
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
