package dev.flagpost.flags.store;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.DistributionEntity;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.model.RuleEntity;
import dev.flagpost.flags.model.RuleSegmentEntity;
import dev.flagpost.flags.model.VariantEntity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Rules of variant flags (ranked, one or more segments) and their distributions. */
public final class RuleService {
    private final FlagState state;

    public RuleService(FlagState state) {
        this.state = state;
    }

    public record RuleInput(String segmentKey, List<String> segmentKeys, int segmentOperator, int rank) {
    }

    public FlagsJson.Rule get(String ns, String flagKey, String id) {
        return state.read(em -> json(em, rule(em, ns, flagKey, id)));
    }

    public FlagsJson.RuleList list(String ns, String flagKey, int limit, int offset) {
        return state.read(em -> {
            FlagState.flag(em, ns, flagKey);
            List<RuleEntity> all = rules(em, ns, flagKey);
            List<FlagsJson.Rule> page = all.stream().skip(offset).limit(limit).map(r -> json(em, r)).toList();
            return new FlagsJson.RuleList(page, FlagState.nextPageToken(offset, page.size(), all.size()), all.size());
        });
    }

    public FlagsJson.Rule create(String ns, String flagKey, RuleInput in) {
        Ranked.requirePositiveRank(in.rank());
        List<String> keys = Ranked.segmentKeys(in.segmentKey(), in.segmentKeys());
        return state.write(ns, em -> {
            FlagState.flag(em, ns, flagKey);
            keys.forEach(k -> FlagState.segment(em, ns, k));
            Ranked.requireFreeRank(em, "RuleEntity", ns, flagKey, in.rank());
            RuleEntity r = new RuleEntity();
            r.id = UUID.randomUUID();
            r.namespaceKey = ns;
            r.flagKey = flagKey;
            r.rank = in.rank();
            r.segmentOperator = in.segmentOperator();
            r.createdAt = state.now();
            r.updatedAt = r.createdAt;
            em.persist(r);
            linkSegments(em, r, keys);
            return json(em, r);
        });
    }

    public FlagsJson.Rule update(String ns, String flagKey, String id, RuleInput in) {
        List<String> keys = Ranked.segmentKeys(in.segmentKey(), in.segmentKeys());
        return state.write(ns, em -> {
            RuleEntity r = rule(em, ns, flagKey, id);
            keys.forEach(k -> FlagState.segment(em, ns, k));
            r.segmentOperator = in.segmentOperator();
            r.updatedAt = state.now();
            em.createQuery("delete from RuleSegmentEntity s where s.ruleId = :id").setParameter("id", r.id).executeUpdate();
            linkSegments(em, r, keys);
            return json(em, r);
        });
    }

    public void delete(String ns, String flagKey, String id) {
        state.write(ns, em -> {
            UUID uuid = FlagState.uuidOrNull(id);
            RuleEntity r = uuid == null ? null : em.find(RuleEntity.class, uuid);
            if (r != null && r.namespaceKey.equals(ns) && r.flagKey.equals(flagKey)) {
                em.remove(r);
                em.flush();
                Ranked.compact(rules(em, ns, flagKey), (rule, rank) -> rule.rank = rank);
            }
            return null;
        });
    }

    public void order(String ns, String flagKey, List<String> ruleIds) {
        state.write(ns, em -> {
            FlagState.flag(em, ns, flagKey);
            Ranked.reorder(rules(em, ns, flagKey), ruleIds, r -> r.id, (r, rank) -> r.rank = rank, "ruleIds");
            return null;
        });
    }

    public FlagsJson.Distribution createDistribution(String ns, String flagKey, String ruleId, String variantId, double rollout) {
        requireRollout(rollout);
        return state.write(ns, em -> {
            RuleEntity r = rule(em, ns, flagKey, ruleId, variantId);
            VariantEntity v = variant(em, ns, flagKey, ruleId, variantId);
            requireTotal(em, r.id, null, rollout);
            DistributionEntity d = new DistributionEntity();
            d.id = UUID.randomUUID();
            d.ruleId = r.id;
            d.variantId = v.id;
            d.rollout = rollout;
            d.createdAt = state.now();
            d.updatedAt = d.createdAt;
            em.persist(d);
            return FlagsJson.Distribution.of(d);
        });
    }

    public FlagsJson.Distribution updateDistribution(String ns, String flagKey, String ruleId, String id, String variantId, double rollout) {
        requireRollout(rollout);
        return state.write(ns, em -> {
            RuleEntity r = rule(em, ns, flagKey, ruleId, variantId);
            VariantEntity v = variant(em, ns, flagKey, ruleId, variantId);
            DistributionEntity d = distribution(em, r, id);
            requireTotal(em, r.id, d.id, rollout);
            d.variantId = v.id;
            d.rollout = rollout;
            d.updatedAt = state.now();
            return FlagsJson.Distribution.of(d);
        });
    }

    public void deleteDistribution(String ns, String flagKey, String ruleId, String id) {
        state.write(ns, em -> {
            // Deleting what is not there is no error (Flipt's deletes are idempotent).
            RuleEntity r = find(em, ns, flagKey, ruleId);
            UUID uuid = FlagState.uuidOrNull(id);
            DistributionEntity d = r == null || uuid == null ? null : em.find(DistributionEntity.class, uuid);
            if (d != null && d.ruleId.equals(r.id)) {
                em.remove(d);
            }
            return null;
        });
    }

    private static void requireRollout(double rollout) {
        if (rollout < 0) {
            throw FliptException.invalidArgument("invalid field rollout: must be greater than or equal to '0'");
        }
        if (!(rollout <= 100)) { // NaN too
            throw FliptException.invalidArgument("invalid field rollout: must be less than or equal to '100'");
        }
    }

    private static void requireTotal(EntityManager em, UUID ruleId, UUID except, double rollout) {
        double others = em.createQuery("select d from DistributionEntity d where d.ruleId = :r", DistributionEntity.class)
                .setParameter("r", ruleId).getResultStream().filter(d -> !d.id.equals(except)).mapToDouble(d -> d.rollout).sum();
        if (others + rollout > 100.0 + 1e-9) {
            throw FliptException.invalidArgument("distributions of a rule cannot add up to more than 100% (already " + others + "%)");
        }
    }

    /** Flipt answers one message for a distribution whose rule, variant or flag is missing. */
    private static FliptException distributionTargetNotFound(String ns, String flagKey, String ruleId, String variantId) {
        return FliptException.notFound("variant " + FlagState.quote(variantId) + ", rule " + FlagState.quote(ruleId) + ", flag "
                + FlagState.quote(flagKey) + " in namespace " + FlagState.quote(ns) + " not found");
    }

    private static RuleEntity rule(EntityManager em, String ns, String flagKey, String ruleId, String variantId) {
        RuleEntity r = find(em, ns, flagKey, ruleId);
        if (r == null) {
            throw distributionTargetNotFound(ns, flagKey, ruleId, variantId);
        }
        return r;
    }

    private static VariantEntity variant(EntityManager em, String ns, String flagKey, String ruleId, String variantId) {
        UUID uuid = FlagState.uuidOrNull(variantId);
        VariantEntity v = uuid == null ? null : em.find(VariantEntity.class, uuid);
        if (v == null || !v.namespaceKey.equals(ns) || !v.flagKey.equals(flagKey)) {
            throw distributionTargetNotFound(ns, flagKey, ruleId, variantId);
        }
        return v;
    }

    private static DistributionEntity distribution(EntityManager em, RuleEntity r, String id) {
        UUID uuid = FlagState.uuidOrNull(id);
        DistributionEntity d = uuid == null ? null : em.find(DistributionEntity.class, uuid);
        if (d == null || !d.ruleId.equals(r.id)) {
            throw FliptException.notFound("distribution \"" + id + "\" not found");
        }
        return d;
    }

    private static void linkSegments(EntityManager em, RuleEntity r, List<String> keys) {
        em.flush();
        for (String k : keys) {
            RuleSegmentEntity s = new RuleSegmentEntity();
            s.ruleId = r.id;
            s.segmentKey = k;
            s.namespaceKey = r.namespaceKey;
            em.persist(s);
        }
    }

    static RuleEntity rule(EntityManager em, String ns, String flagKey, String id) {
        RuleEntity r = find(em, ns, flagKey, id);
        if (r == null) {
            throw FliptException.notFound("rule \"" + ns + "/" + id + "\" not found"); // Flipt's words
        }
        return r;
    }

    private static RuleEntity find(EntityManager em, String ns, String flagKey, String id) {
        UUID uuid = FlagState.uuidOrNull(id);
        RuleEntity r = uuid == null ? null : em.find(RuleEntity.class, uuid);
        return r != null && r.namespaceKey.equals(ns) && r.flagKey.equals(flagKey) ? r : null;
    }

    static List<RuleEntity> rules(EntityManager em, String ns, String flagKey) {
        return em.createQuery("select r from RuleEntity r where r.namespaceKey = :ns and r.flagKey = :f order by r.rank, r.createdAt",
                RuleEntity.class).setParameter("ns", ns).setParameter("f", flagKey).getResultList();
    }

    private static FlagsJson.Rule json(EntityManager em, RuleEntity r) {
        List<String> keys = em.createQuery("select s.segmentKey from RuleSegmentEntity s where s.ruleId = :id order by s.segmentKey",
                String.class).setParameter("id", r.id).getResultList();
        List<FlagsJson.Distribution> dist = em.createQuery(
                        "select d from DistributionEntity d where d.ruleId = :id order by d.createdAt, d.id", DistributionEntity.class)
                .setParameter("id", r.id).getResultStream().map(FlagsJson.Distribution::of).toList();
        return new FlagsJson.Rule(r.id.toString(), r.flagKey, keys.size() == 1 ? keys.get(0) : "", dist, r.rank, r.createdAt,
                r.updatedAt, r.namespaceKey, keys, Kinds.SEGMENT_OPERATOR.name(r.segmentOperator));
    }
}
