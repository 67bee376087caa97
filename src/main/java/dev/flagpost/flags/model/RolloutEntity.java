package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "rollouts")
public class RolloutEntity {
    @Id
    public UUID id;
    @Column(name = "namespace_key")
    public String namespaceKey;
    @Column(name = "flag_key")
    public String flagKey;
    public int rank;
    /** 1 = SEGMENT_ROLLOUT_TYPE, 2 = THRESHOLD_ROLLOUT_TYPE */
    public int type;
    public String description = "";
    /** Percentage for threshold rollouts. */
    public Double threshold;
    @Column(name = "`value`")
    public boolean value;
    @Column(name = "segment_operator")
    public int segmentOperator;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
