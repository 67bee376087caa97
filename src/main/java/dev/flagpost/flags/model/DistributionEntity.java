package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "distributions")
public class DistributionEntity {
    @Id
    public UUID id;
    @Column(name = "rule_id")
    public UUID ruleId;
    @Column(name = "variant_id")
    public UUID variantId;
    public double rollout;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
