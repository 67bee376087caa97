package dev.flagpost.flags.store;

import dev.flagpost.api.FliptException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/** Rank bookkeeping shared by rules and rollouts: ranks stay 1..n in order after every change. */
final class Ranked {
    private Ranked() {
    }

    /**
     * A new rule or rollout may not take a rank its flag already has (Flipt checks rollouts with
     * this message; Flagpost checks rules the same way, where Flipt stores a duplicate).
     *
     * @param entity {@code RuleEntity} or {@code RolloutEntity}
     */
    static void requireFreeRank(jakarta.persistence.EntityManager em, String entity, String ns, String flagKey, int rank) {
        long taken = em.createQuery("select count(e) from " + entity + " e where e.namespaceKey = :ns and e.flagKey = :flag and e.rank = :rank",
                        Long.class)
                .setParameter("ns", ns).setParameter("flag", flagKey).setParameter("rank", rank).getSingleResult();
        if (taken > 0) {
            throw FliptException.invalidArgument("rank number: " + rank + " already exists");
        }
    }

    /** Renumbers {@code items} (already in rank order) as 1..n. */
    static <T> void compact(List<T> items, ObjIntConsumer<T> setRank) {
        for (int i = 0; i < items.size(); i++) {
            setRank.accept(items.get(i), i + 1);
        }
    }

    /** Applies an explicit order; it must name every item exactly once. */
    static <T> void reorder(List<T> items, List<String> ids, Function<T, UUID> idOf, ObjIntConsumer<T> setRank, String what) {
        if (ids.size() < 2) {
            throw FliptException.invalidArgument("invalid field " + what + ": must contain atleast 2 elements"); // Flipt's words
        }
        Set<String> existing = new HashSet<>();
        items.forEach(i -> existing.add(idOf.apply(i).toString()));
        if (ids.size() != items.size() || !existing.equals(new HashSet<>(ids))) {
            throw FliptException.invalidArgument(what + " must list every " + what.replace("Ids", "") + " of the flag exactly once");
        }
        List<T> ordered = new ArrayList<>();
        for (String id : ids) {
            items.stream().filter(i -> idOf.apply(i).toString().equals(id)).findFirst().ifPresent(ordered::add);
        }
        compact(ordered, setRank);
    }

    static void requirePositiveRank(int rank) {
        if (rank < 1) {
            throw FliptException.invalidArgument("invalid field rank: must be greater than 0");
        }
    }

    static List<String> segmentKeys(String segmentKey, List<String> segmentKeys) {
        boolean single = segmentKey != null && !segmentKey.isEmpty();
        if (single && !segmentKeys.isEmpty()) {
            throw FliptException.invalidArgument("invalid field segmentKey or segmentKeys: only one can be present");
        }
        List<String> keys = single ? List.of(segmentKey) : List.copyOf(new java.util.LinkedHashSet<>(segmentKeys));
        if (keys.isEmpty()) {
            throw FliptException.invalidArgument("invalid field segmentKey or segmentKeys: must not be empty");
        }
        return keys;
    }
}
