package dev.flagpost.flags.evaluation;

import dev.flagpost.flags.model.ConstraintEntity;
import dev.flagpost.flags.model.DistributionEntity;
import dev.flagpost.flags.model.FlagEntity;
import dev.flagpost.flags.model.NamespaceVersionEntity;
import dev.flagpost.flags.model.RolloutEntity;
import dev.flagpost.flags.model.RolloutSegmentEntity;
import dev.flagpost.flags.model.RuleEntity;
import dev.flagpost.flags.model.RuleSegmentEntity;
import dev.flagpost.flags.model.SegmentEntity;
import dev.flagpost.flags.model.VariantEntity;
import dev.flagpost.persistence.Jpa;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads one namespace's whole flag state in a fixed number of queries (the version first). */
public final class SnapshotLoader {
    private final Jpa jpa;

    public SnapshotLoader(Jpa jpa) {
        this.jpa = jpa;
    }

    public NamespaceSnapshot load(String ns) {
        return jpa.read(em -> load(em, ns));
    }

    /** Every namespace's current version, for the poller. */
    public Map<String, Long> versions() {
        return jpa.read(em -> em.createQuery("select v from NamespaceVersionEntity v", NamespaceVersionEntity.class)
                .getResultStream().collect(Collectors.toMap(v -> v.namespaceKey, v -> v.version)));
    }

    private static NamespaceSnapshot load(EntityManager em, String ns) {
        NamespaceVersionEntity version = em.find(NamespaceVersionEntity.class, ns);
        if (version == null) {
            return new NamespaceSnapshot(ns, -1, Map.of());
        }
        Map<String, NamespaceSnapshot.Segment> segments = segments(em, ns);
        Map<UUID, VariantEntity> variants = byNs(em, "VariantEntity", ns, VariantEntity.class).stream()
                .collect(Collectors.toMap(v -> v.id, v -> v));
        Map<UUID, List<String>> ruleSegments = byNs(em, "RuleSegmentEntity", ns, RuleSegmentEntity.class).stream()
                .collect(Collectors.groupingBy(r -> r.ruleId, Collectors.mapping(r -> r.segmentKey, Collectors.toList())));
        Map<UUID, List<String>> rolloutSegments = byNs(em, "RolloutSegmentEntity", ns, RolloutSegmentEntity.class).stream()
                .collect(Collectors.groupingBy(r -> r.rolloutId, Collectors.mapping(r -> r.segmentKey, Collectors.toList())));
        Map<UUID, List<DistributionEntity>> distributions = em.createQuery(
                        "select d from DistributionEntity d, RuleEntity r where d.ruleId = r.id and r.namespaceKey = :ns"
                                + " order by d.createdAt, d.id", DistributionEntity.class)
                .setParameter("ns", ns).getResultStream().collect(Collectors.groupingBy(d -> d.ruleId));

        Map<String, List<NamespaceSnapshot.Rule>> rules = new HashMap<>();
        for (RuleEntity r : em.createQuery("select r from RuleEntity r where r.namespaceKey = :ns order by r.rank, r.createdAt",
                RuleEntity.class).setParameter("ns", ns).getResultList()) {
            List<NamespaceSnapshot.Distribution> dist = distributions.getOrDefault(r.id, List.of()).stream()
                    .filter(d -> d.rollout > 0)
                    .map(d -> new NamespaceSnapshot.Distribution(d.variantId.toString(), variants.get(d.variantId).key,
                            variants.get(d.variantId).attachment, d.rollout))
                    .toList();
            rules.computeIfAbsent(r.flagKey, k -> new ArrayList<>()).add(new NamespaceSnapshot.Rule(r.rank, r.segmentOperator,
                    resolve(ruleSegments.getOrDefault(r.id, List.of()), segments), dist));
        }
        Map<String, List<NamespaceSnapshot.Rollout>> rollouts = new HashMap<>();
        for (RolloutEntity r : em.createQuery("select r from RolloutEntity r where r.namespaceKey = :ns order by r.rank, r.createdAt",
                RolloutEntity.class).setParameter("ns", ns).getResultList()) {
            rollouts.computeIfAbsent(r.flagKey, k -> new ArrayList<>()).add(new NamespaceSnapshot.Rollout(r.rank, r.type,
                    r.threshold == null ? 0 : r.threshold, r.value, r.segmentOperator,
                    resolve(rolloutSegments.getOrDefault(r.id, List.of()), segments)));
        }
        Map<String, NamespaceSnapshot.Flag> flags = new HashMap<>();
        for (FlagEntity f : byNs(em, "FlagEntity", ns, FlagEntity.class)) {
            VariantEntity dv = f.defaultVariantId == null ? null : variants.get(f.defaultVariantId);
            NamespaceSnapshot.Variant defaultVariant = dv == null ? null
                    : new NamespaceSnapshot.Variant(dv.id.toString(), dv.key, dv.attachment == null ? "" : dv.attachment);
            flags.put(f.key, new NamespaceSnapshot.Flag(f.key, f.name, f.description, f.enabled, f.type, f.createdAt, f.updatedAt,
                    defaultVariant, List.copyOf(rules.getOrDefault(f.key, List.of())), List.copyOf(rollouts.getOrDefault(f.key, List.of()))));
        }
        return new NamespaceSnapshot(ns, version.version, Map.copyOf(flags));
    }

    private static Map<String, NamespaceSnapshot.Segment> segments(EntityManager em, String ns) {
        Map<String, List<NamespaceSnapshot.Constraint>> constraints = em.createQuery(
                        "select c from ConstraintEntity c where c.namespaceKey = :ns order by c.createdAt, c.id", ConstraintEntity.class)
                .setParameter("ns", ns).getResultStream()
                .collect(Collectors.groupingBy(c -> c.segmentKey, Collectors.mapping(
                        c -> new NamespaceSnapshot.Constraint(c.id.toString(), c.type, c.property, c.operator, c.value), Collectors.toList())));
        Map<String, NamespaceSnapshot.Segment> out = new HashMap<>();
        for (SegmentEntity s : byNs(em, "SegmentEntity", ns, SegmentEntity.class)) {
            out.put(s.key, new NamespaceSnapshot.Segment(s.key, s.matchType, List.copyOf(constraints.getOrDefault(s.key, List.of()))));
        }
        return out;
    }

    private static List<NamespaceSnapshot.Segment> resolve(List<String> keys, Map<String, NamespaceSnapshot.Segment> segments) {
        return keys.stream().sorted().map(segments::get).filter(java.util.Objects::nonNull).toList();
    }

    private static <T> List<T> byNs(EntityManager em, String entity, String ns, Class<T> type) {
        return em.createQuery("select e from " + entity + " e where e.namespaceKey = :ns", type).setParameter("ns", ns).getResultList();
    }
}
