package dev.flagpost.flags.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

@Entity
@Table(name = "rollout_segments")
@IdClass(RolloutSegmentEntity.Key.class)
public class RolloutSegmentEntity {
    public record Key(UUID rolloutId, String segmentKey) implements Serializable {
    }

    @Id
    @Column(name = "rollout_id")
    public UUID rolloutId;
    @Id
    @Column(name = "segment_key")
    public String segmentKey;
    @Column(name = "namespace_key")
    public String namespaceKey;
}
