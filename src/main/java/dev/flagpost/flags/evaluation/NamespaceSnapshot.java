package dev.flagpost.flags.evaluation;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to evaluate the flags of one namespace, immutable, built from the database once
 * and served from memory until the namespace changes.
 *
 * @param version the namespace's version when this was read (-1: namespace unknown)
 */
public record NamespaceSnapshot(String namespaceKey, long version, Map<String, Flag> flags) {

    public record Flag(String key, boolean enabled, int type, List<Rule> rules, List<Rollout> rollouts) {
    }

    /** Rules in rank order; distributions with a rollout > 0 only, in creation order. */
    public record Rule(int rank, int segmentOperator, List<Segment> segments, List<Distribution> distributions) {
    }

    public record Segment(String key, int matchType, List<Constraint> constraints) {
    }

    public record Constraint(int type, String property, String operator, String value) {
    }

    public record Distribution(String variantKey, String variantAttachment, double rollout) {
    }

    /** A threshold rollout ({@code segments} empty) or a segment rollout. */
    public record Rollout(int rank, int type, double percentage, boolean value, int segmentOperator, List<Segment> segments) {
    }
}
