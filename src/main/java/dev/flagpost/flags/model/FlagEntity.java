package dev.flagpost.flags.model;

import dev.flagpost.authn.store.MetadataConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "flags")
@IdClass(FlagId.class)
public class FlagEntity {
    @Id
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Id
    @Column(name = "`key`")
    public String key;
    public String name;
    public String description = "";
    public boolean enabled;
    /** 0 = VARIANT_FLAG_TYPE, 1 = BOOLEAN_FLAG_TYPE */
    public int type;
    /** The variant answered when no rule decides (Flipt's default variant); null = none. */
    @Column(name = "default_variant_id")
    public UUID defaultVariantId;
    @Convert(converter = MetadataConverter.class)
    public Map<String, String> metadata = Map.of();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
