package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A segment a rule (or, as {@link RolloutSegmentEntity}, a rollout) refers to. */
@Entity
@Table(name = "rule_segments")
@IdClass(RuleSegmentEntity.Key.class)
public class RuleSegmentEntity {
    public record Key(UUID ruleId, String segmentKey) implements Serializable {
    }

    @Id
    @Column(name = "rule_id")
    public UUID ruleId;
    @Id
    @Column(name = "segment_key")
    public String segmentKey;
    @Column(name = "namespace_key")
    public String namespaceKey;
}
