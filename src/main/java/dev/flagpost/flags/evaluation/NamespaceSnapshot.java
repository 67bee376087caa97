package dev.flagpost.flags.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to evaluate the flags of one namespace, immutable, built from the database once
 * and served from memory until the namespace changes.
 *
 * @param version the namespace's version when this was read (-1: namespace unknown)
 */
public record NamespaceSnapshot(String namespaceKey, long version, Map<String, Flag> flags) {

    /**
     * {@code name}, {@code description} and the times are for the snapshot document (evaluation ignores them).
     *
     * @param defaultVariant what a variant flag answers when no rule decides; null = none
     */
    public record Flag(String key, String name, String description, boolean enabled, int type, Instant createdAt, Instant updatedAt,
                       Variant defaultVariant, List<Rule> rules, List<Rollout> rollouts) {
        public Flag(String key, boolean enabled, int type, List<Rule> rules, List<Rollout> rollouts) {
            this(key, key, "", enabled, type, null, null, null, rules, rollouts);
        }

        public Flag withDefaultVariant(Variant variant) {
            return new Flag(key, name, description, enabled, type, createdAt, updatedAt, variant, rules, rollouts);
        }
    }

    public record Variant(String id, String key, String attachment) {
    }

    /** Rules in rank order; distributions with a rollout > 0 only, in creation order. */
    public record Rule(int rank, int segmentOperator, List<Segment> segments, List<Distribution> distributions) {
    }

    public record Segment(String key, int matchType, List<Constraint> constraints) {
    }

    public record Constraint(String id, int type, String property, String operator, String value) {
        public Constraint(int type, String property, String operator, String value) {
            this("", type, property, operator, value);
        }
    }

    public record Distribution(String variantId, String variantKey, String variantAttachment, double rollout) {
        public Distribution(String variantKey, String variantAttachment, double rollout) {
            this("", variantKey, variantAttachment, rollout);
        }
    }

    /** A threshold rollout ({@code segments} empty) or a segment rollout. */
    public record Rollout(int rank, int type, double percentage, boolean value, int segmentOperator, List<Segment> segments) {
    }
}
