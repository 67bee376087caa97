package dev.flagpost.flags.store;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.ConstraintEntity;
import dev.flagpost.flags.model.FlagId;
import dev.flagpost.flags.model.SegmentEntity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Segments and their constraints. */
public final class SegmentService {
    private final FlagState state;

    public SegmentService(FlagState state) {
        this.state = state;
    }

    public record SegmentInput(String key, String name, String description, int matchType) {
    }

    public record ConstraintInput(int type, String property, String operator, String value, String description) {
    }

    public FlagsJson.Segment get(String ns, String key) {
        return state.read(em -> json(em, FlagState.segment(em, ns, key)));
    }

    public FlagsJson.SegmentList list(String ns, int limit, int offset) {
        return state.read(em -> {
            FlagState.namespace(em, ns);
            long total = em.createQuery("select count(s) from SegmentEntity s where s.namespaceKey = :ns", Long.class)
                    .setParameter("ns", ns).getSingleResult();
            List<FlagsJson.Segment> page = em.createQuery(
                            "select s from SegmentEntity s where s.namespaceKey = :ns order by s.createdAt, s.key", SegmentEntity.class)
                    .setParameter("ns", ns).setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(s -> json(em, s)).toList();
            return new FlagsJson.SegmentList(page, FlagState.nextPageToken(offset, page.size(), total), (int) total);
        });
    }

    public FlagsJson.Segment create(String ns, SegmentInput in) {
        FlagState.requireKey("key", in.key());
        FlagState.requireName("name", in.name());
        return state.write(ns, em -> {
            FlagState.namespace(em, ns);
            if (em.find(SegmentEntity.class, new FlagId(ns, in.key())) != null) {
                throw new FliptException(Code.ALREADY_EXISTS, "segment \"" + ns + "/" + in.key() + "\" already exists");
            }
            SegmentEntity s = new SegmentEntity();
            s.namespaceKey = ns;
            s.key = in.key();
            s.createdAt = state.now();
            apply(s, in);
            s.updatedAt = s.createdAt;
            em.persist(s);
            return json(em, s);
        });
    }

    public FlagsJson.Segment update(String ns, String key, SegmentInput in) {
        FlagState.requireName("name", in.name());
        return state.write(ns, em -> {
            SegmentEntity s = FlagState.segment(em, ns, key);
            apply(s, in);
            return json(em, s);
        });
    }

    private void apply(SegmentEntity s, SegmentInput in) {
        s.name = in.name();
        s.description = FlagState.bounded("description", in.description(), FlagState.MAX_TEXT);
        s.matchType = in.matchType();
        s.updatedAt = state.now();
    }

    public void delete(String ns, String key) {
        state.write(ns, em -> {
            SegmentEntity s = em.find(SegmentEntity.class, new FlagId(ns, key));
            if (s == null) {
                return null;
            }
            long uses = em.createQuery("select count(r) from RuleSegmentEntity r where r.namespaceKey = :ns and r.segmentKey = :k", Long.class)
                    .setParameter("ns", ns).setParameter("k", key).getSingleResult()
                    + em.createQuery("select count(r) from RolloutSegmentEntity r where r.namespaceKey = :ns and r.segmentKey = :k", Long.class)
                    .setParameter("ns", ns).setParameter("k", key).getSingleResult();
            if (uses > 0) {
                throw new FliptException(Code.FAILED_PRECONDITION, "segment \"" + ns + "/" + key
                        + "\" is in use by " + uses + " rule(s) or rollout(s); remove them first");
            }
            em.remove(s);
            return null;
        });
    }

    public FlagsJson.Constraint createConstraint(String ns, String segmentKey, ConstraintInput in) {
        String value = ConstraintRules.validate(in.type(), in.property(), in.operator(), in.value());
        return state.write(ns, em -> {
            SegmentEntity s = FlagState.segment(em, ns, segmentKey);
            ConstraintEntity c = new ConstraintEntity();
            c.id = UUID.randomUUID();
            c.namespaceKey = ns;
            c.segmentKey = segmentKey;
            c.createdAt = state.now();
            apply(c, in, value);
            em.persist(c);
            s.updatedAt = c.createdAt;
            return FlagsJson.Constraint.of(c);
        });
    }

    public FlagsJson.Constraint updateConstraint(String ns, String segmentKey, String id, ConstraintInput in) {
        String value = ConstraintRules.validate(in.type(), in.property(), in.operator(), in.value());
        return state.write(ns, em -> {
            ConstraintEntity c = constraint(em, ns, segmentKey, id);
            apply(c, in, value);
            return FlagsJson.Constraint.of(c);
        });
    }

    public void deleteConstraint(String ns, String segmentKey, String id) {
        state.write(ns, em -> {
            UUID uuid = FlagState.uuidOrNull(id);
            ConstraintEntity c = uuid == null ? null : em.find(ConstraintEntity.class, uuid);
            if (c != null && c.namespaceKey.equals(ns) && c.segmentKey.equals(segmentKey)) {
                em.remove(c);
            }
            return null;
        });
    }

    private void apply(ConstraintEntity c, ConstraintInput in, String value) {
        c.type = in.type();
        c.property = FlagState.bounded("property", in.property(), FlagState.MAX_NAME);
        c.operator = in.operator().toLowerCase(java.util.Locale.ROOT);
        c.value = FlagState.bounded("value", value, FlagState.MAX_TEXT);
        c.description = FlagState.bounded("description", in.description(), FlagState.MAX_TEXT);
        c.updatedAt = state.now();
    }

    private static ConstraintEntity constraint(EntityManager em, String ns, String segmentKey, String id) {
        ConstraintEntity c = em.find(ConstraintEntity.class, FlagState.uuid("constraint", id));
        if (c == null || !c.namespaceKey.equals(ns) || !c.segmentKey.equals(segmentKey)) {
            throw FliptException.notFound("constraint \"" + id + "\" not found");
        }
        return c;
    }

    static List<ConstraintEntity> constraints(EntityManager em, String ns, String segmentKey) {
        return em.createQuery("select c from ConstraintEntity c where c.namespaceKey = :ns and c.segmentKey = :s order by c.createdAt, c.id",
                ConstraintEntity.class).setParameter("ns", ns).setParameter("s", segmentKey).getResultList();
    }

    private static FlagsJson.Segment json(EntityManager em, SegmentEntity s) {
        return FlagsJson.Segment.of(s, constraints(em, s.namespaceKey, s.key));
    }
}
