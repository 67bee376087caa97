package dev.flagpost.flags.evaluation;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Distribution;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Flag;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Rule;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Segment;
import dev.flagpost.flags.model.Kinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Flipt's evaluation, bucket for bucket: variant flags take the first matching rule by rank and
 * pick a distribution with CRC-32(flagKey + entityId) mod 1000 against cumulative rollout×10
 * buckets; boolean flags take the first matching rollout, thresholds by CRC-32(entityId + flagKey)
 * mod 100 < percentage, else the flag's enabled value.
 */
public final class Evaluator {
    static final int TOTAL_BUCKETS = 1000;
    static final int PERCENT_MULTIPLIER = TOTAL_BUCKETS / 100;

    public enum Reason { UNKNOWN_EVALUATION_REASON, FLAG_DISABLED_EVALUATION_REASON, MATCH_EVALUATION_REASON, DEFAULT_EVALUATION_REASON }

    public record VariantResult(boolean match, List<String> segmentKeys, Reason reason, String variantKey, String variantAttachment) {
    }

    public record BooleanResult(boolean enabled, Reason reason, List<String> segmentKeys) {
        public BooleanResult(boolean enabled, Reason reason) {
            this(enabled, reason, List.of());
        }
    }

    private Evaluator() {
    }

    /**
     * Flipt v1.61's reasons, path by path: the default variant (if any) is the answer until a
     * distribution is chosen, with DEFAULT as the reason, else UNKNOWN; a disabled flag is
     * FLAG_DISABLED (still naming the default variant, as Flipt does); a rule that matches without
     * distributions is a MATCH without a variant of its own; a bucket past every distribution keeps
     * the default answer and reason but reports the matched segments.
     */
    public static VariantResult variant(Flag flag, String entityId, Map<String, String> context) {
        if (flag.type() != Kinds.VARIANT_FLAG) {
            throw FliptException.invalidArgument("flag type " + Kinds.FLAG_TYPE.name(flag.type()) + " invalid");
        }
        NamespaceSnapshot.Variant fallback = flag.defaultVariant();
        Reason fallbackReason = fallback == null ? Reason.UNKNOWN_EVALUATION_REASON : Reason.DEFAULT_EVALUATION_REASON;
        String fallbackKey = fallback == null ? "" : fallback.key();
        String fallbackAttachment = fallback == null ? "" : fallback.attachment();
        if (!flag.enabled()) {
            return new VariantResult(false, List.of(), Reason.FLAG_DISABLED_EVALUATION_REASON, fallbackKey, fallbackAttachment);
        }
        for (Rule rule : flag.rules()) {
            List<String> matched = matchedSegments(rule.segments(), rule.segmentOperator(), context, entityId);
            if (matched == null) {
                continue;
            }
            List<Distribution> dist = rule.distributions();
            if (dist.isEmpty()) {
                return new VariantResult(true, matched, Reason.MATCH_EVALUATION_REASON, fallbackKey, fallbackAttachment);
            }
            int bucket = (int) (crc32(flag.key() + entityId) % TOTAL_BUCKETS);
            int cumulative = 0;
            for (Distribution d : dist) {
                cumulative += (int) (d.rollout() * PERCENT_MULTIPLIER);
                // Flipt: sort.SearchInts(buckets, bucket+1) — the first bucket boundary above the value wins.
                if (cumulative >= bucket + 1) {
                    return new VariantResult(true, matched, Reason.MATCH_EVALUATION_REASON, d.variantKey(), d.variantAttachment());
                }
            }
            return new VariantResult(false, matched, fallbackReason, fallbackKey, fallbackAttachment);
        }
        return new VariantResult(false, List.of(), fallbackReason, fallbackKey, fallbackAttachment);
    }

    public static BooleanResult bool(Flag flag, String entityId, Map<String, String> context) {
        if (flag.type() != Kinds.BOOLEAN_FLAG) {
            throw FliptException.invalidArgument("flag type " + Kinds.FLAG_TYPE.name(flag.type()) + " invalid");
        }
        for (NamespaceSnapshot.Rollout r : flag.rollouts()) {
            if (r.type() == Kinds.THRESHOLD_ROLLOUT) {
                float normalized = crc32(entityId + flag.key()) % 100;
                if (normalized < (float) r.percentage()) {
                    return new BooleanResult(r.value(), Reason.MATCH_EVALUATION_REASON);
                }
            } else {
                List<String> matched = matchedSegments(r.segments(), r.segmentOperator(), context, entityId);
                if (matched != null) {
                    return new BooleanResult(r.value(), Reason.MATCH_EVALUATION_REASON, matched);
                }
            }
        }
        return new BooleanResult(flag.enabled(), Reason.DEFAULT_EVALUATION_REASON);
    }

    /** The keys of the segments that matched, or null when the rule/rollout does not apply (OR: any; AND: all). */
    private static List<String> matchedSegments(List<Segment> segments, int operator, Map<String, String> context, String entityId) {
        List<String> matched = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (ConstraintMatcher.matches(s, context, entityId)) {
                matched.add(s.key());
            }
        }
        boolean applies = operator == Kinds.AND ? !segments.isEmpty() && matched.size() == segments.size() : !matched.isEmpty();
        return applies ? matched : null;
    }

    static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
