package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "segments")
@IdClass(FlagId.class)
public class SegmentEntity {
    @Id
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Id
    @Column(name = "`key`")
    public String key;
    public String name;
    public String description = "";
    /** 0 = ALL_MATCH_TYPE, 1 = ANY_MATCH_TYPE */
    @Column(name = "match_type")
    public int matchType;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
