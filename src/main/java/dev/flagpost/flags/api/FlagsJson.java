package dev.flagpost.flags.api;

import dev.flagpost.flags.model.ConstraintEntity;
import dev.flagpost.flags.model.DistributionEntity;
import dev.flagpost.flags.model.FlagEntity;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.model.NamespaceEntity;
import dev.flagpost.flags.model.RolloutEntity;
import dev.flagpost.flags.model.SegmentEntity;
import dev.flagpost.flags.model.VariantEntity;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Flipt v1's JSON shapes for the management API (camelCase, enum names, RFC 3339 times). */
public final class FlagsJson {
    private FlagsJson() {
    }

    @JsonbPropertyOrder({"key", "name", "description", "protected", "createdAt", "updatedAt"})
    public record Namespace(String key, String name, String description, @jakarta.json.bind.annotation.JsonbProperty("protected") boolean isProtected,
                            Instant createdAt, Instant updatedAt) {
        public static Namespace of(NamespaceEntity e) {
            return new Namespace(e.key, e.name, e.description, e.protectedNamespace, e.createdAt, e.updatedAt);
        }
    }

    public record NamespaceList(List<Namespace> namespaces, String nextPageToken, int totalCount) {
    }

    /** {@code defaultVariant} is null (left out, as Flipt's gateway leaves out an unset optional) when the flag has none. */
    @JsonbPropertyOrder({"key", "name", "description", "enabled", "createdAt", "updatedAt", "variants", "namespaceKey", "type",
            "defaultVariant", "metadata"})
    public record Flag(String key, String name, String description, boolean enabled, Instant createdAt, Instant updatedAt,
                       List<Variant> variants, String namespaceKey, String type, Variant defaultVariant, Map<String, String> metadata) {
        public static Flag of(FlagEntity e, List<VariantEntity> variants) {
            List<Variant> all = variants.stream().map(Variant::of).toList();
            Variant defaultVariant = e.defaultVariantId == null ? null
                    : all.stream().filter(v -> v.id().equals(e.defaultVariantId.toString())).findFirst().orElse(null);
            return new Flag(e.key, e.name, e.description, e.enabled, e.createdAt, e.updatedAt, all, e.namespaceKey,
                    Kinds.FLAG_TYPE.name(e.type), defaultVariant, new TreeMap<>(e.metadata));
        }
    }

    public record FlagList(List<Flag> flags, String nextPageToken, int totalCount) {
    }

    @JsonbPropertyOrder({"id", "flagKey", "key", "name", "description", "createdAt", "updatedAt", "attachment", "namespaceKey"})
    public record Variant(String id, String flagKey, String key, String name, String description, Instant createdAt,
                          Instant updatedAt, String attachment, String namespaceKey) {
        public static Variant of(VariantEntity e) {
            return new Variant(e.id.toString(), e.flagKey, e.key, e.name, e.description, e.createdAt, e.updatedAt,
                    e.attachment, e.namespaceKey);
        }
    }

    @JsonbPropertyOrder({"key", "name", "description", "createdAt", "updatedAt", "constraints", "matchType", "namespaceKey"})
    public record Segment(String key, String name, String description, Instant createdAt, Instant updatedAt,
                          List<Constraint> constraints, String matchType, String namespaceKey) {
        public static Segment of(SegmentEntity e, List<ConstraintEntity> constraints) {
            return new Segment(e.key, e.name, e.description, e.createdAt, e.updatedAt,
                    constraints.stream().map(Constraint::of).toList(), Kinds.MATCH_TYPE.name(e.matchType), e.namespaceKey);
        }
    }

    public record SegmentList(List<Segment> segments, String nextPageToken, int totalCount) {
    }

    @JsonbPropertyOrder({"id", "segmentKey", "type", "property", "operator", "value", "createdAt", "updatedAt", "namespaceKey", "description"})
    public record Constraint(String id, String segmentKey, String type, String property, String operator, String value,
                             Instant createdAt, Instant updatedAt, String namespaceKey, String description) {
        public static Constraint of(ConstraintEntity e) {
            return new Constraint(e.id.toString(), e.segmentKey, Kinds.COMPARISON_TYPE.name(e.type), e.property, e.operator,
                    e.value, e.createdAt, e.updatedAt, e.namespaceKey, e.description);
        }
    }

    @JsonbPropertyOrder({"id", "flagKey", "segmentKey", "distributions", "rank", "createdAt", "updatedAt", "namespaceKey",
            "segmentKeys", "segmentOperator"})
    public record Rule(String id, String flagKey, String segmentKey, List<Distribution> distributions, int rank,
                       Instant createdAt, Instant updatedAt, String namespaceKey, List<String> segmentKeys, String segmentOperator) {
    }

    public record RuleList(List<Rule> rules, String nextPageToken, int totalCount) {
    }

    @JsonbPropertyOrder({"id", "ruleId", "variantId", "rollout", "createdAt", "updatedAt"})
    public record Distribution(String id, String ruleId, String variantId, double rollout, Instant createdAt, Instant updatedAt) {
        public static Distribution of(DistributionEntity e) {
            return new Distribution(e.id.toString(), e.ruleId.toString(), e.variantId.toString(), e.rollout, e.createdAt, e.updatedAt);
        }
    }

    @JsonbPropertyOrder({"id", "namespaceKey", "flagKey", "type", "rank", "description", "createdAt", "updatedAt", "segment", "threshold"})
    public record Rollout(String id, String namespaceKey, String flagKey, String type, int rank, String description,
                          Instant createdAt, Instant updatedAt, RolloutSegment segment, RolloutThreshold threshold) {
        public static Rollout of(RolloutEntity e, List<String> segmentKeys) {
            RolloutSegment segment = e.type == Kinds.SEGMENT_ROLLOUT
                    ? new RolloutSegment(segmentKeys.size() == 1 ? segmentKeys.get(0) : "", segmentKeys, e.value,
                    Kinds.SEGMENT_OPERATOR.name(e.segmentOperator))
                    : null;
            RolloutThreshold threshold = e.type == Kinds.THRESHOLD_ROLLOUT
                    ? new RolloutThreshold(e.threshold == null ? 0 : e.threshold, e.value) : null;
            return new Rollout(e.id.toString(), e.namespaceKey, e.flagKey, Kinds.ROLLOUT_TYPE.name(e.type), e.rank,
                    e.description, e.createdAt, e.updatedAt, segment, threshold);
        }
    }

    @JsonbPropertyOrder({"segmentKey", "segmentKeys", "value", "segmentOperator"})
    public record RolloutSegment(String segmentKey, List<String> segmentKeys, boolean value, String segmentOperator) {
    }

    public record RolloutThreshold(double percentage, boolean value) {
    }

    /** Flipt's RolloutList names its items {@code rules}. */
    public record RolloutList(List<Rollout> rules, String nextPageToken, int totalCount) {
    }
}
