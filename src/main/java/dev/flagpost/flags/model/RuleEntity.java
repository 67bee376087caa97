package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "rules")
public class RuleEntity {
    @Id
    public UUID id;
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Column(name = "flag_key")
    public String flagKey;
    public int rank;
    /** 0 = OR_SEGMENT_OPERATOR, 1 = AND_SEGMENT_OPERATOR */
    @Column(name = "segment_operator")
    public int segmentOperator;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
