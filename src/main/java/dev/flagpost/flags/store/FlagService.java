package dev.flagpost.flags.store;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.FlagEntity;
import dev.flagpost.flags.model.FlagId;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.model.VariantEntity;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Flags and their variants. */
public final class FlagService {
    private final FlagState state;

    public FlagService(FlagState state) {
        this.state = state;
    }

    /**
     * @param defaultVariantId on update, the default variant's id; empty or null clears it (Flipt's
     *                         UpdateFlag sets what it is sent). Ignored on create, as in Flipt.
     */
    public record FlagInput(String key, String name, String description, boolean enabled, int type, Map<String, String> metadata,
                            String defaultVariantId) {
        public FlagInput(String key, String name, String description, boolean enabled, int type, Map<String, String> metadata) {
            this(key, name, description, enabled, type, metadata, null);
        }
    }

    public record VariantInput(String key, String name, String description, String attachment) {
    }

    public FlagsJson.Flag get(String ns, String key) {
        return state.read(em -> json(em, FlagState.flag(em, ns, key)));
    }

    public FlagsJson.FlagList list(String ns, int limit, int offset) {
        return state.read(em -> {
            FlagState.namespace(em, ns);
            long total = em.createQuery("select count(f) from FlagEntity f where f.namespaceKey = :ns", Long.class)
                    .setParameter("ns", ns).getSingleResult();
            List<FlagEntity> flags = em.createQuery("select f from FlagEntity f where f.namespaceKey = :ns order by f.createdAt, f.key",
                    FlagEntity.class).setParameter("ns", ns).setFirstResult(offset).setMaxResults(limit).getResultList();
            List<FlagsJson.Flag> page = flags.stream().map(f -> json(em, f)).toList();
            return new FlagsJson.FlagList(page, FlagState.nextPageToken(offset, page.size(), total), (int) total);
        });
    }

    public FlagsJson.Flag create(String ns, FlagInput in) {
        FlagState.requireKey("key", in.key());
        FlagState.requireName("name", in.name());
        return state.write(ns, em -> {
            FlagState.namespace(em, ns);
            if (em.find(FlagEntity.class, new FlagId(ns, in.key())) != null) {
                throw new FliptException(Code.ALREADY_EXISTS, "flag \"" + ns + "/" + in.key() + "\" already exists");
            }
            FlagEntity f = new FlagEntity();
            f.namespaceKey = ns;
            f.key = in.key();
            f.createdAt = state.now();
            apply(f, in);
            f.updatedAt = f.createdAt;
            em.persist(f);
            return json(em, f);
        });
    }

    public FlagsJson.Flag update(String ns, String key, FlagInput in) {
        FlagState.requireName("name", in.name());
        return state.write(ns, em -> {
            UUID defaultVariant = defaultVariant(em, ns, key, in.defaultVariantId()); // Flipt checks it before the flag
            FlagEntity f = FlagState.flag(em, ns, key);
            if (in.type() >= 0 && in.type() != f.type) {
                throw FliptException.invalidArgument("type cannot be changed (flag \"" + key + "\" is " + Kinds.FLAG_TYPE.name(f.type) + ")");
            }
            f.defaultVariantId = defaultVariant;
            apply(f, in);
            return json(em, f);
        });
    }

    /** Flipt's check: the variant must belong to this flag, else 400 with Flipt's message. */
    private static UUID defaultVariant(EntityManager em, String ns, String flagKey, String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        VariantEntity v = null;
        try {
            v = em.find(VariantEntity.class, UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            // falls through to Flipt's message: an id that is not ours is simply not found
        }
        if (v == null || !v.namespaceKey.equals(ns) || !v.flagKey.equals(flagKey)) {
            throw FliptException.invalidArgument("variant \"" + id + "\" not found for flag \"" + ns + "/" + flagKey + "\"");
        }
        return v.id;
    }

    private void apply(FlagEntity f, FlagInput in) {
        f.name = in.name();
        f.description = FlagState.bounded("description", in.description(), FlagState.MAX_TEXT);
        f.enabled = in.enabled();
        if (in.type() >= 0) {
            f.type = in.type();
        }
        f.metadata = FlagState.boundedMetadata(in.metadata());
        f.updatedAt = state.now();
    }

    public void delete(String ns, String key) {
        state.write(ns, em -> {
            FlagEntity f = em.find(FlagEntity.class, new FlagId(ns, key));
            if (f != null) {
                em.remove(f);
                em.flush();
            }
            return null;
        });
    }

    public FlagsJson.Variant createVariant(String ns, String flagKey, VariantInput in) {
        FlagState.requireKey("key", in.key());
        requireJsonAttachment(in.attachment());
        return state.write(ns, em -> {
            FlagState.flag(em, ns, flagKey);
            requireUniqueVariantKey(em, ns, flagKey, in.key(), null);
            VariantEntity v = new VariantEntity();
            v.id = UUID.randomUUID();
            v.namespaceKey = ns;
            v.flagKey = flagKey;
            v.createdAt = state.now();
            apply(v, in);
            em.persist(v);
            return FlagsJson.Variant.of(v);
        });
    }

    public FlagsJson.Variant updateVariant(String ns, String flagKey, String id, VariantInput in) {
        FlagState.requireKey("key", in.key());
        requireJsonAttachment(in.attachment());
        return state.write(ns, em -> {
            VariantEntity v = variant(em, ns, flagKey, id);
            requireUniqueVariantKey(em, ns, flagKey, in.key(), v.id);
            apply(v, in);
            return FlagsJson.Variant.of(v);
        });
    }

    public void deleteVariant(String ns, String flagKey, String id) {
        state.write(ns, em -> {
            VariantEntity v = em.find(VariantEntity.class, FlagState.uuid("variant", id));
            if (v != null && v.namespaceKey.equals(ns) && v.flagKey.equals(flagKey)) {
                FlagEntity f = em.find(FlagEntity.class, new FlagId(ns, flagKey));
                if (f != null && v.id.equals(f.defaultVariantId)) {
                    f.defaultVariantId = null; // the database does the same (ON DELETE SET NULL); keep the loaded row true
                }
                em.remove(v);
            }
            return null;
        });
    }

    private void apply(VariantEntity v, VariantInput in) {
        v.key = in.key();
        v.name = FlagState.bounded("name", in.name(), FlagState.MAX_NAME);
        v.description = FlagState.bounded("description", in.description(), FlagState.MAX_TEXT);
        v.attachment = in.attachment() == null ? "" : in.attachment();
        v.updatedAt = state.now();
    }

    static VariantEntity variant(EntityManager em, String ns, String flagKey, String id) {
        VariantEntity v = em.find(VariantEntity.class, FlagState.uuid("variant", id));
        if (v == null || !v.namespaceKey.equals(ns) || !v.flagKey.equals(flagKey)) {
            throw FliptException.notFound("variant \"" + id + "\" not found");
        }
        return v;
    }

    private static void requireUniqueVariantKey(EntityManager em, String ns, String flagKey, String key, UUID except) {
        boolean taken = em.createQuery("select v.id from VariantEntity v where v.namespaceKey = :ns and v.flagKey = :f and v.key = :k",
                        UUID.class).setParameter("ns", ns).setParameter("f", flagKey).setParameter("k", key)
                .getResultStream().anyMatch(id -> !id.equals(except));
        if (taken) {
            throw new FliptException(Code.ALREADY_EXISTS, "variant \"" + key + "\" already exists on flag \"" + flagKey + "\"");
        }
    }

    /** Flipt keeps attachments as JSON text; anything else is refused here, not at evaluation time. */
    private static void requireJsonAttachment(String attachment) {
        if (attachment == null || attachment.isEmpty()) {
            return;
        }
        if (attachment.length() > 10_000) {
            throw FliptException.invalidArgument("attachment must be at most 10000 characters");
        }
        try (var reader = Json.createReader(new StringReader(attachment))) {
            reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw FliptException.invalidArgument("attachment must be valid JSON");
        }
    }

    static List<VariantEntity> variants(EntityManager em, String ns, String flagKey) {
        return em.createQuery("select v from VariantEntity v where v.namespaceKey = :ns and v.flagKey = :f order by v.createdAt, v.key",
                VariantEntity.class).setParameter("ns", ns).setParameter("f", flagKey).getResultList();
    }

    private static FlagsJson.Flag json(EntityManager em, FlagEntity f) {
        return FlagsJson.Flag.of(f, variants(em, f.namespaceKey, f.key));
    }
}
