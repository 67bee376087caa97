package dev.flagpost.flags.store;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.NamespaceEntity;
import java.util.List;

/** Namespaces; {@code default} always exists and is protected. */
public final class NamespaceService {
    private final FlagState state;

    public NamespaceService(FlagState state) {
        this.state = state;
    }

    public FlagsJson.Namespace get(String key) {
        return state.read(em -> FlagsJson.Namespace.of(FlagState.namespace(em, key)));
    }

    public FlagsJson.NamespaceList list(int limit, int offset) {
        return state.read(em -> {
            long total = em.createQuery("select count(n) from NamespaceEntity n", Long.class).getSingleResult();
            List<FlagsJson.Namespace> page = em.createQuery("select n from NamespaceEntity n order by n.createdAt, n.key", NamespaceEntity.class)
                    .setFirstResult(offset).setMaxResults(limit).getResultStream().map(FlagsJson.Namespace::of).toList();
            return new FlagsJson.NamespaceList(page, FlagState.nextPageToken(offset, page.size(), total), (int) total);
        });
    }

    public FlagsJson.Namespace create(String key, String name, String description) {
        FlagState.requireKey("key", key);
        FlagState.requireName("name", name);
        return state.write(key, em -> {
            if (em.find(NamespaceEntity.class, key) != null) {
                throw new FliptException(Code.ALREADY_EXISTS, "namespace \"" + key + "\" already exists");
            }
            NamespaceEntity n = new NamespaceEntity();
            n.key = key;
            n.name = name;
            n.description = FlagState.bounded("description", description, FlagState.MAX_TEXT);
            n.createdAt = state.now();
            n.updatedAt = n.createdAt;
            em.persist(n);
            return FlagsJson.Namespace.of(n);
        });
    }

    public FlagsJson.Namespace update(String key, String name, String description) {
        FlagState.requireName("name", name);
        return state.write(key, em -> {
            NamespaceEntity n = FlagState.namespace(em, key);
            n.name = name;
            n.description = FlagState.bounded("description", description, FlagState.MAX_TEXT);
            n.updatedAt = state.now();
            return FlagsJson.Namespace.of(n);
        });
    }

    public void delete(String key) {
        state.write(key, em -> {
            NamespaceEntity n = em.find(NamespaceEntity.class, key);
            if (n == null) {
                return null; // Flipt: deleting what is not there succeeds
            }
            if (n.protectedNamespace) {
                throw new FliptException(Code.FAILED_PRECONDITION, "namespace \"" + key + "\" is protected");
            }
            long flags = em.createQuery("select count(f) from FlagEntity f where f.namespaceKey = :ns", Long.class)
                    .setParameter("ns", key).getSingleResult();
            if (flags > 0) {
                throw new FliptException(Code.FAILED_PRECONDITION, "namespace \"" + key + "\" cannot be deleted; flags must be deleted first");
            }
            em.remove(n);
            return null;
        });
    }
}
