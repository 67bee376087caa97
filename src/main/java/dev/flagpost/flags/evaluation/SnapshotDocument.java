package dev.flagpost.flags.evaluation;

import dev.flagpost.flags.model.Kinds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flipt's evaluation snapshot ({@code flipt.evaluation.EvaluationNamespaceSnapshot} as its gateway
 * writes it: camelCase names, enum names as strings, empty lists written), which Flipt's
 * client-side SDKs fetch and evaluate locally. Built from the same in-memory snapshot that server
 * evaluation uses, so both always agree; what a client of a given version is sent is decided once,
 * in {@link #flagsFor}, which the gRPC twin ({@code flipt.evaluation.DataService}) encodes too.
 *
 * <p>Unlike Flipt 1.61, a rule with several segments appears once (Flipt repeats it once per
 * segment, with its distributions repeated), and segments are listed in key order.
 */
public final class SnapshotDocument {
    /** What Flipt assumes of a client that does not say ({@code x-flipt-accept-server-version} absent). */
    static final int[] OLDEST_CLIENT = {1, 37, 1};
    private static final int[] ENTITY_ID_SINCE = {1, 38, 0};
    private static final int[] DEFAULT_VARIANT_SINCE = {1, 47, 0};
    private static final String[] MATCH_TYPES = {"ALL_SEGMENT_MATCH_TYPE", "ANY_SEGMENT_MATCH_TYPE"};
    private static final String[] COMPARISON_TYPES = {"UNKNOWN_CONSTRAINT_COMPARISON_TYPE", "STRING_CONSTRAINT_COMPARISON_TYPE",
            "NUMBER_CONSTRAINT_COMPARISON_TYPE", "BOOLEAN_CONSTRAINT_COMPARISON_TYPE", "DATETIME_CONSTRAINT_COMPARISON_TYPE",
            "ENTITY_ID_CONSTRAINT_COMPARISON_TYPE"};

    private SnapshotDocument() {
    }

    /** Flipt's snapshot order for SQL stores: creation time, then key. */
    public static final Comparator<NamespaceSnapshot.Flag> CREATION_ORDER = Comparator
            .comparing((NamespaceSnapshot.Flag f) -> f.createdAt() == null ? java.time.Instant.EPOCH : f.createdAt())
            .thenComparing(NamespaceSnapshot.Flag::key);

    /** Whether a client of this version reads ENTITY_ID constraints (Flipt: 1.38.0 and later). */
    public static boolean supportsEntityId(String clientVersion) {
        return atLeast(parse(clientVersion), ENTITY_ID_SINCE);
    }

    /** Whether a client of this version reads a flag's default variant (Flipt: 1.47.0 and later). */
    public static boolean supportsDefaultVariant(String clientVersion) {
        return atLeast(parse(clientVersion), DEFAULT_VARIANT_SINCE);
    }

    /** The ETag of a namespace's state, or null when the namespace does not exist (Flipt sends none then). */
    public static String etag(NamespaceSnapshot snapshot) {
        if (snapshot.version() < 0) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((snapshot.namespaceKey() + "@" + snapshot.version()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /**
     * The flags as a client of this version is sent them, over HTTP ({@link #of}) and over gRPC
     * ({@code flipt.evaluation.DataService}): the one place that decides what a snapshot holds, so
     * the two encoders only copy fields. In Flipt's order ({@link #CREATION_ORDER}); a boolean flag
     * with its rollouts and no rules, any other with its rules and no rollouts; ENTITY_ID
     * constraints (and unknown comparison types) as UNKNOWN for clients older than 1.38.0; a default
     * variant only for variant flags and clients from 1.47.0; a missing variant attachment as "".
     *
     * @param clientVersion the client's {@code x-flipt-accept-server-version} (e.g. {@code 1.47.0},
     *                      {@code v1.38}); null or unreadable means Flipt's oldest, 1.37.1
     */
    public static List<NamespaceSnapshot.Flag> flagsFor(NamespaceSnapshot snapshot, String clientVersion) {
        boolean entityIdKnown = supportsEntityId(clientVersion);
        boolean defaultVariantKnown = supportsDefaultVariant(clientVersion);
        return snapshot.flags().values().stream().sorted(CREATION_ORDER).map(f -> sent(f, entityIdKnown, defaultVariantKnown)).toList();
    }

    private static NamespaceSnapshot.Flag sent(NamespaceSnapshot.Flag f, boolean entityIdKnown, boolean defaultVariantKnown) {
        if (f.type() == Kinds.BOOLEAN_FLAG) {
            List<NamespaceSnapshot.Rollout> rollouts = f.rollouts().stream().map(r -> new NamespaceSnapshot.Rollout(r.rank(), r.type(),
                    r.percentage(), r.value(), r.segmentOperator(), sent(r.segments(), entityIdKnown))).toList();
            return new NamespaceSnapshot.Flag(f.key(), f.name(), f.description(), f.enabled(), f.type(), f.createdAt(), f.updatedAt(),
                    null, List.of(), rollouts);
        }
        List<NamespaceSnapshot.Rule> rules = f.rules().stream().map(r -> new NamespaceSnapshot.Rule(r.rank(), r.segmentOperator(),
                sent(r.segments(), entityIdKnown), r.distributions().stream().map(d -> d.variantAttachment() != null ? d
                        : new NamespaceSnapshot.Distribution(d.variantId(), d.variantKey(), "", d.rollout())).toList())).toList();
        NamespaceSnapshot.Variant defaultVariant = f.type() == Kinds.VARIANT_FLAG && defaultVariantKnown ? f.defaultVariant() : null;
        return new NamespaceSnapshot.Flag(f.key(), f.name(), f.description(), f.enabled(), f.type(), f.createdAt(), f.updatedAt(),
                defaultVariant, rules, List.of());
    }

    private static List<NamespaceSnapshot.Segment> sent(List<NamespaceSnapshot.Segment> segments, boolean entityIdKnown) {
        return segments.stream().map(s -> new NamespaceSnapshot.Segment(s.key(), s.matchType(), s.constraints().stream()
                .map(c -> c.type() == comparisonSent(c.type(), entityIdKnown) ? c
                        : new NamespaceSnapshot.Constraint(c.id(), comparisonSent(c.type(), entityIdKnown), c.property(), c.operator(), c.value()))
                .toList())).toList();
    }

    /** UNKNOWN (0) for a type the client cannot read: ENTITY_ID before 1.38.0, or any number Flipt does not define. */
    private static int comparisonSent(int type, boolean entityIdKnown) {
        return type < 0 || type > Kinds.ENTITY_ID || (type == Kinds.ENTITY_ID && !entityIdKnown) ? 0 : type;
    }

    /** The document of {@link #flagsFor}, field for field. */
    public static Map<String, Object> of(String namespaceKey, NamespaceSnapshot snapshot, String clientVersion) {
        List<Map<String, Object>> flags = new ArrayList<>();
        flagsFor(snapshot, clientVersion).forEach(f -> flags.add(flag(f)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("namespace", Map.of("key", namespaceKey));
        doc.put("flags", flags);
        return doc;
    }

    private static Map<String, Object> flag(NamespaceSnapshot.Flag f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", f.key());
        out.put("name", f.name());
        out.put("description", f.description());
        out.put("enabled", f.enabled());
        out.put("type", Kinds.FLAG_TYPE.name(f.type()));
        if (f.createdAt() != null) {
            out.put("createdAt", f.createdAt().toString());
            out.put("updatedAt", f.updatedAt().toString());
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        f.rules().forEach(r -> rules.add(rule(r)));
        List<Map<String, Object>> rollouts = new ArrayList<>();
        f.rollouts().forEach(r -> rollouts.add(rollout(r)));
        out.put("rules", rules);
        out.put("rollouts", rollouts);
        if (f.defaultVariant() != null) {
            NamespaceSnapshot.Variant v = f.defaultVariant();
            out.put("defaultVariant", Map.of("id", v.id(), "key", v.key(), "attachment", v.attachment()));
        }
        return out;
    }

    private static Map<String, Object> rule(NamespaceSnapshot.Rule r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "");
        out.put("segments", segments(r.segments()));
        out.put("rank", r.rank());
        out.put("segmentOperator", Kinds.SEGMENT_OPERATOR.name(r.segmentOperator()));
        List<Map<String, Object>> distributions = new ArrayList<>();
        for (NamespaceSnapshot.Distribution d : r.distributions()) {
            Map<String, Object> dist = new LinkedHashMap<>();
            dist.put("id", "");
            dist.put("ruleId", "");
            dist.put("variantId", d.variantId());
            dist.put("variantKey", d.variantKey());
            dist.put("variantAttachment", d.variantAttachment());
            dist.put("rollout", d.rollout());
            distributions.add(dist);
        }
        out.put("distributions", distributions);
        return out;
    }

    private static Map<String, Object> rollout(NamespaceSnapshot.Rollout r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", Kinds.ROLLOUT_TYPE.name(r.type()));
        out.put("rank", r.rank());
        if (r.type() == Kinds.THRESHOLD_ROLLOUT) {
            out.put("threshold", Map.of("percentage", r.percentage(), "value", r.value()));
        } else if (r.type() == Kinds.SEGMENT_ROLLOUT) {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("value", r.value());
            segment.put("segmentOperator", Kinds.SEGMENT_OPERATOR.name(r.segmentOperator()));
            segment.put("segments", segments(r.segments()));
            out.put("segment", segment);
        }
        return out;
    }

    private static List<Map<String, Object>> segments(List<NamespaceSnapshot.Segment> segments) {
        List<Map<String, Object>> out = new ArrayList<>(segments.size());
        for (NamespaceSnapshot.Segment s : segments) {
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("key", s.key());
            seg.put("name", "");
            seg.put("description", "");
            seg.put("matchType", MATCH_TYPES[s.matchType() == Kinds.ANY_MATCH ? 1 : 0]);
            List<Map<String, Object>> constraints = new ArrayList<>();
            for (NamespaceSnapshot.Constraint c : s.constraints()) {
                Map<String, Object> con = new LinkedHashMap<>();
                con.put("id", c.id());
                con.put("type", COMPARISON_TYPES[c.type()]);
                con.put("property", c.property());
                con.put("operator", c.operator());
                con.put("value", c.value());
                constraints.add(con);
            }
            seg.put("constraints", constraints);
            out.add(seg);
        }
        return out;
    }

    /** Tolerant semver: {@code v1.47.0}, {@code 1.47}, {@code 1.47.0-rc1}; null or unreadable → 1.37.1. */
    static int[] parse(String version) {
        if (version == null || version.isBlank()) {
            return OLDEST_CLIENT;
        }
        String v = version.strip();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        String[] parts = v.split("[-+]", 2)[0].split("\\.");
        int[] out = new int[3];
        try {
            for (int i = 0; i < Math.min(3, parts.length); i++) {
                out[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            return OLDEST_CLIENT;
        }
        return parts.length == 0 || parts.length > 3 ? OLDEST_CLIENT : out;
    }

    static boolean atLeast(int[] version, int[] minimum) {
        for (int i = 0; i < 3; i++) {
            if (version[i] != minimum[i]) {
                return version[i] > minimum[i];
            }
        }
        return true;
    }
}
