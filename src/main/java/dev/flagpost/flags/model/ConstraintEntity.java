package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "constraints")
public class ConstraintEntity {
    @Id
    public UUID id;
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Column(name = "segment_key")
    public String segmentKey;
    /** ComparisonType number: 1 STRING, 2 NUMBER, 3 BOOLEAN, 4 DATETIME, 5 ENTITY_ID */
    public int type;
    public String property;
    public String operator;
    @Column(name = "`value`")
    public String value = "";
    public String description = "";
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
