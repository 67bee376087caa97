package dev.flagpost.flags.store;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.model.RolloutEntity;
import dev.flagpost.flags.model.RolloutSegmentEntity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Rollouts of boolean flags: a threshold percentage or a segment match, ranked. */
public final class RolloutService {
    private final FlagState state;

    public RolloutService(FlagState state) {
        this.state = state;
    }

    /** Exactly one of {@code segment} / {@code threshold} is set. */
    public record RolloutInput(int rank, String description, SegmentPart segment, ThresholdPart threshold) {
    }

    public record SegmentPart(String segmentKey, List<String> segmentKeys, boolean value, int segmentOperator) {
    }

    public record ThresholdPart(double percentage, boolean value) {
    }

    public FlagsJson.Rollout get(String ns, String flagKey, String id) {
        return state.read(em -> json(em, rollout(em, ns, flagKey, id)));
    }

    public FlagsJson.RolloutList list(String ns, String flagKey, int limit, int offset) {
        return state.read(em -> {
            FlagState.flag(em, ns, flagKey);
            List<RolloutEntity> all = rollouts(em, ns, flagKey);
            List<FlagsJson.Rollout> page = all.stream().skip(offset).limit(limit).map(r -> json(em, r)).toList();
            return new FlagsJson.RolloutList(page, FlagState.nextPageToken(offset, page.size(), all.size()), all.size());
        });
    }

    public FlagsJson.Rollout create(String ns, String flagKey, RolloutInput in) {
        Ranked.requirePositiveRank(in.rank());
        List<String> keys = validate(in, "rollout rule is missing");
        return state.write(ns, em -> {
            FlagState.flag(em, ns, flagKey);
            keys.forEach(k -> FlagState.segment(em, ns, k));
            Ranked.requireFreeRank(em, "RolloutEntity", ns, flagKey, in.rank());
            RolloutEntity r = new RolloutEntity();
            r.id = UUID.randomUUID();
            r.namespaceKey = ns;
            r.flagKey = flagKey;
            r.rank = in.rank();
            r.createdAt = state.now();
            apply(r, in);
            em.persist(r);
            link(em, r, keys);
            return json(em, r);
        });
    }

    public FlagsJson.Rollout update(String ns, String flagKey, String id, RolloutInput in) {
        List<String> keys = validate(in, "invalid field rule: invalid rollout rule type");
        return state.write(ns, em -> {
            RolloutEntity r = rollout(em, ns, flagKey, id);
            keys.forEach(k -> FlagState.segment(em, ns, k));
            int type = in.segment() != null ? Kinds.SEGMENT_ROLLOUT : Kinds.THRESHOLD_ROLLOUT;
            if (type != r.type) {
                throw FliptException.invalidArgument("cannot change type of rollout: have " + FlagState.quote(Kinds.ROLLOUT_TYPE.name(r.type))
                        + " attempted " + FlagState.quote(Kinds.ROLLOUT_TYPE.name(type)));
            }
            apply(r, in);
            em.createQuery("delete from RolloutSegmentEntity s where s.rolloutId = :id").setParameter("id", r.id).executeUpdate();
            link(em, r, keys);
            return json(em, r);
        });
    }

    public void delete(String ns, String flagKey, String id) {
        state.write(ns, em -> {
            UUID uuid = FlagState.uuidOrNull(id);
            RolloutEntity r = uuid == null ? null : em.find(RolloutEntity.class, uuid);
            if (r != null && r.namespaceKey.equals(ns) && r.flagKey.equals(flagKey)) {
                em.remove(r);
                em.flush();
                Ranked.compact(rollouts(em, ns, flagKey), (x, rank) -> x.rank = rank);
            }
            return null;
        });
    }

    public void order(String ns, String flagKey, List<String> rolloutIds) {
        state.write(ns, em -> {
            FlagState.flag(em, ns, flagKey);
            Ranked.reorder(rollouts(em, ns, flagKey), rolloutIds, r -> r.id, (r, rank) -> r.rank = rank, "rolloutIds");
            return null;
        });
    }

    /** @param missing Flipt's words when neither is set (they differ between create and update) */
    private static List<String> validate(RolloutInput in, String missing) {
        if (in.segment() == null && in.threshold() == null) {
            throw FliptException.invalidArgument(missing);
        }
        if (in.segment() != null && in.threshold() != null) {
            throw FliptException.invalidArgument("a rollout needs exactly one of segment or threshold");
        }
        if (in.threshold() != null) {
            double p = in.threshold().percentage();
            if (!(p >= 0 && p <= 100)) {
                throw FliptException.invalidArgument("invalid field threshold.percentage: must be within range [0, 100]");
            }
            return List.of();
        }
        return Ranked.segmentKeys(in.segment().segmentKey(), in.segment().segmentKeys());
    }

    private void apply(RolloutEntity r, RolloutInput in) {
        r.description = FlagState.bounded("description", in.description(), FlagState.MAX_TEXT);
        if (in.segment() != null) {
            r.type = Kinds.SEGMENT_ROLLOUT;
            r.value = in.segment().value();
            r.segmentOperator = in.segment().segmentOperator();
            r.threshold = null;
        } else {
            r.type = Kinds.THRESHOLD_ROLLOUT;
            r.value = in.threshold().value();
            r.threshold = in.threshold().percentage();
        }
        r.updatedAt = state.now();
    }

    private static void link(EntityManager em, RolloutEntity r, List<String> keys) {
        em.flush();
        for (String k : keys) {
            RolloutSegmentEntity s = new RolloutSegmentEntity();
            s.rolloutId = r.id;
            s.segmentKey = k;
            s.namespaceKey = r.namespaceKey;
            em.persist(s);
        }
    }

    private static RolloutEntity rollout(EntityManager em, String ns, String flagKey, String id) {
        UUID uuid = FlagState.uuidOrNull(id);
        RolloutEntity r = uuid == null ? null : em.find(RolloutEntity.class, uuid);
        if (r == null || !r.namespaceKey.equals(ns) || !r.flagKey.equals(flagKey)) {
            throw FliptException.notFound("rollout \"" + ns + "/" + id + "\" not found"); // Flipt's words
        }
        return r;
    }

    static List<RolloutEntity> rollouts(EntityManager em, String ns, String flagKey) {
        return em.createQuery("select r from RolloutEntity r where r.namespaceKey = :ns and r.flagKey = :f order by r.rank, r.createdAt",
                RolloutEntity.class).setParameter("ns", ns).setParameter("f", flagKey).getResultList();
    }

    private static FlagsJson.Rollout json(EntityManager em, RolloutEntity r) {
        List<String> keys = em.createQuery("select s.segmentKey from RolloutSegmentEntity s where s.rolloutId = :id order by s.segmentKey",
                String.class).setParameter("id", r.id).getResultList();
        return FlagsJson.Rollout.of(r, keys);
    }
}
