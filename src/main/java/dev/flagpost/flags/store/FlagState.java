package dev.flagpost.flags.store;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.flags.model.FlagEntity;
import dev.flagpost.flags.model.FlagId;
import dev.flagpost.flags.model.NamespaceEntity;
import dev.flagpost.flags.model.NamespaceVersionEntity;
import dev.flagpost.flags.model.SegmentEntity;
import dev.flagpost.persistence.Jpa;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every flag-state service shares: the database, the clock, the write path (which bumps the
 * namespace's version in the same transaction and then tells the local cache), lookups that answer
 * 404 in Flipt's words, and page tokens.
 */
public final class FlagState {
    private static final Pattern KEY = Pattern.compile("^[-_,A-Za-z0-9]+$");
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private final Jpa jpa;
    private final Clock clock;
    private final Consumer<String> onNamespaceChanged;

    public FlagState(Jpa jpa, Clock clock, Consumer<String> onNamespaceChanged) {
        this.jpa = jpa;
        this.clock = clock;
        this.onNamespaceChanged = onNamespaceChanged;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public <T> T read(Function<EntityManager, T> work) {
        return jpa.read(work);
    }

    /** A write to one namespace: versioned in the same transaction, then the local cache is told. */
    public <T> T write(String namespaceKey, Function<EntityManager, T> work) {
        T result;
        try {
            result = jpa.write(em -> {
                T r = work.apply(em);
                bump(em, namespaceKey);
                return r;
            });
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.hibernate.exception.ConstraintViolationException
                        || t instanceof jakarta.persistence.EntityExistsException) {
                    // Lost a race with a concurrent create of the same key (checked first, so rare).
                    throw new FliptException(Code.ALREADY_EXISTS, "an object with this key already exists in namespace \"" + namespaceKey + "\"");
                }
            }
            throw e;
        }
        onNamespaceChanged.accept(namespaceKey);
        return result;
    }

    static void bump(EntityManager em, String namespaceKey) {
        int updated = em.createQuery("update NamespaceVersionEntity v set v.version = v.version + 1 where v.namespaceKey = :ns")
                .setParameter("ns", namespaceKey).executeUpdate();
        if (updated == 0) {
            NamespaceVersionEntity v = new NamespaceVersionEntity();
            v.namespaceKey = namespaceKey;
            v.version = 1;
            em.persist(v);
        }
    }

    public static String namespaceOrDefault(String namespaceKey) {
        return namespaceKey == null || namespaceKey.isEmpty() ? "default" : namespaceKey;
    }

    public static void requireKey(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw FliptException.invalidArgument(field + " must not be empty");
        }
        if (value.length() > 255 || !KEY.matcher(value).matches()) {
            throw FliptException.invalidArgument(field + " must contain only letters, digits, '-', '_' or ',' (at most 255)");
        }
    }

    /** Names, properties, operators: stored in 255-character columns. */
    public static final int MAX_NAME = 255;
    /** Descriptions, constraint values, metadata: bounded so that no input can reach a database limit. */
    public static final int MAX_TEXT = 65_536;

    public static void requireNonEmpty(String field, String value) {
        if (value == null || value.isBlank()) {
            throw FliptException.invalidArgument(field + " must not be empty");
        }
    }

    /** A stored name: not empty, and at most {@link #MAX_NAME} characters. */
    public static void requireName(String field, String value) {
        requireNonEmpty(field, value);
        bounded(field, value, MAX_NAME);
    }

    /** {@code value}, or "" for null, if it is at most {@code max} characters long. */
    public static String bounded(String field, String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw FliptException.invalidArgument(field + " must be at most " + max + " characters (got " + value.length() + ")");
        }
        return value;
    }

    /** Flag metadata: at most 100 entries, keys of at most 255 and values of at most 65,536 characters. */
    public static Map<String, String> boundedMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > 100) {
            throw FliptException.invalidArgument("metadata must have at most 100 entries (got " + metadata.size() + ")");
        }
        metadata.forEach((k, v) -> {
            bounded("metadata key", k, MAX_NAME);
            bounded("metadata." + (k.length() > 40 ? k.substring(0, 40) + "…" : k), v, MAX_TEXT);
        });
        return Map.copyOf(metadata);
    }

    static NamespaceEntity namespace(EntityManager em, String key) {
        NamespaceEntity n = em.find(NamespaceEntity.class, key);
        if (n == null) {
            throw FliptException.notFound("namespace \"" + key + "\" not found");
        }
        return n;
    }

    static FlagEntity flag(EntityManager em, String ns, String key) {
        FlagEntity f = em.find(FlagEntity.class, new FlagId(ns, key));
        if (f == null) {
            throw FliptException.notFound("flag \"" + ns + "/" + key + "\" not found");
        }
        return f;
    }

    static SegmentEntity segment(EntityManager em, String ns, String key) {
        SegmentEntity s = em.find(SegmentEntity.class, new FlagId(ns, key));
        if (s == null) {
            throw FliptException.notFound("segment \"" + ns + "/" + key + "\" not found");
        }
        return s;
    }

    /** An id that is not a UUID names nothing: null, so that the caller answers as for a missing row. */
    static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** Go's {@code %q} for the ids and keys in Flipt's messages (quotes and backslashes escaped). */
    public static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }

    static UUID uuid(String field, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FliptException.notFound(field + " \"" + id + "\" not found");
        }
    }

    /** An offset from an opaque page token (base64 of the offset), or from Flipt's deprecated {@code offset}. */
    public static int offset(String pageToken, int offset) {
        if (pageToken == null || pageToken.isEmpty()) {
            if (offset < 0) {
                throw FliptException.invalidArgument("offset must not be negative");
            }
            return offset;
        }
        try {
            int o = Integer.parseInt(new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.US_ASCII));
            if (o < 0) {
                throw new NumberFormatException();
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw FliptException.invalidArgument("pageToken is not valid: " + quote(pageToken));
        }
    }

    public static int limit(int limit) {
        if (limit < 0) {
            throw FliptException.invalidArgument("limit must not be negative");
        }
        return limit == 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    /** The token for the page after {@code offset + size}, or "" when that was the last. */
    public static String nextPageToken(int offset, int size, long total) {
        long next = (long) offset + size;
        return next < total ? Base64.getUrlEncoder().encodeToString(Long.toString(next).getBytes(StandardCharsets.US_ASCII)) : "";
    }
}
