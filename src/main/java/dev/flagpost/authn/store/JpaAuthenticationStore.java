package dev.flagpost.authn.store;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.persistence.Jpa;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The authentication store over JPA; the same code serves H2 and PostgreSQL. */
public final class JpaAuthenticationStore implements AuthenticationStore {
    static final List<Class<?>> ENTITIES = List.of(AuthenticationEntity.class, CleanupLeaseEntity.class);

    private final Jpa jpa;
    private final Clock clock;

    public JpaAuthenticationStore(Jpa jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    public static List<Class<?>> entities() {
        return ENTITIES;
    }

    @Override
    public Authentication create(String clientToken, Method method, Instant expiresAt, Map<String, String> metadata) {
        AuthenticationEntity e = new AuthenticationEntity();
        e.id = UUID.randomUUID();
        e.hashedClientToken = ClientTokens.hash(clientToken);
        e.method = method.number();
        e.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        // Microseconds: what both databases keep, so a created row reads back equal.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        e.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        e.createdAt = now;
        e.updatedAt = now;
        return jpa.write(em -> {
            em.persist(e);
            em.flush();
            return toAuthentication(e);
        });
    }

    /** The hot path of every uncached request, so plain JDBC over the mapped table (see {@link Jpa#jdbc}). */
    @Override
    public Optional<Authentication> findByTokenHash(String hash) {
        return jpa.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(BY_HASH)) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    // The index found the row; compare once more in constant time, as stored secrets deserve.
                    if (!rs.next() || !ClientTokens.sameHash(rs.getString("hashed_client_token"), hash)) {
                        return Optional.empty();
                    }
                    return Optional.of(new Authentication(rs.getObject("id", UUID.class).toString(),
                            Method.ofNumber(rs.getInt("method")), instant(rs, "expires_at"), instant(rs, "created_at"),
                            instant(rs, "updated_at"), METADATA.convertToEntityAttribute(rs.getString("metadata")), false));
                }
            }
        });
    }

    private static final String BY_HASH = "select id, hashed_client_token, method, metadata, expires_at, created_at, updated_at"
            + " from authentications where hashed_client_token = ?";
    private static final MetadataConverter METADATA = new MetadataConverter();

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public Optional<Authentication> findById(String id) {
        return parseId(id).flatMap(uuid -> jpa.read(em ->
                Optional.ofNullable(em.find(AuthenticationEntity.class, uuid)).map(JpaAuthenticationStore::toAuthentication)));
    }

    @Override
    public Page list(ListQuery q) {
        String order = q.descending() ? "desc" : "asc";
        String where = q.method() == null ? "" : " where a.method = :m";
        return jpa.read(em -> {
            var query = em.createQuery("select a from AuthenticationEntity a" + where
                            + " order by a.createdAt " + order + ", a.id " + order, AuthenticationEntity.class)
                    .setFirstResult(Math.toIntExact(Math.min(q.offset(), Integer.MAX_VALUE)))
                    // One more than asked tells whether another page follows.
                    .setMaxResults(q.limit() + 1);
            if (q.method() != null) {
                query.setParameter("m", q.method().number());
            }
            List<AuthenticationEntity> rows = query.getResultList();
            boolean more = rows.size() > q.limit();
            List<Authentication> page = rows.stream().limit(q.limit()).map(JpaAuthenticationStore::toAuthentication).toList();
            return new Page(page, more ? Long.toString(q.offset() + q.limit()) : "");
        });
    }

    @Override
    public boolean exists(Method method) {
        return jpa.read(em -> !em.createQuery("select a.id from AuthenticationEntity a where a.method = :m", UUID.class)
                .setParameter("m", method.number()).setMaxResults(1).getResultList().isEmpty());
    }

    @Override
    public boolean delete(String id) {
        return parseId(id).map(uuid -> jpa.write(em -> em.createQuery("delete from AuthenticationEntity a where a.id = :id")
                .setParameter("id", uuid).executeUpdate() > 0)).orElse(false);
    }

    @Override
    public Optional<Authentication> expire(String id, Instant expiresAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return parseId(id).flatMap(uuid -> jpa.write(em -> {
            AuthenticationEntity e = em.find(AuthenticationEntity.class, uuid);
            if (e == null) {
                return Optional.empty();
            }
            e.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
            e.updatedAt = now;
            return Optional.of(toAuthentication(e));
        }));
    }

    @Override
    public int deleteExpired(Method method, Instant expiredBefore, int limit) {
        return jpa.write(em -> {
            List<UUID> ids = em.createQuery("select a.id from AuthenticationEntity a where a.method = :m"
                            + " and a.expiresAt is not null and a.expiresAt < :before order by a.expiresAt", UUID.class)
                    .setParameter("m", method.number())
                    .setParameter("before", expiredBefore)
                    .setMaxResults(limit)
                    .getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            return em.createQuery("delete from AuthenticationEntity a where a.id in :ids").setParameter("ids", ids).executeUpdate();
        });
    }

    @Override
    public boolean claimCleanup(Method method, Instant now, Instant nextRunAt, String holder) {
        try {
            return jpa.write(em -> claim(em, method, now, nextRunAt, holder));
        } catch (PersistenceException e) {
            // Two nodes inserted the first lease row at once: the other one won this round.
            return false;
        }
    }

    private static boolean claim(EntityManager em, Method method, Instant now, Instant nextRunAt, String holder) {
        int updated = em.createQuery("update CleanupLeaseEntity l set l.nextRunAt = :next, l.holder = :holder"
                        + " where l.method = :m and l.nextRunAt <= :now")
                .setParameter("next", nextRunAt).setParameter("holder", holder)
                .setParameter("m", method.number()).setParameter("now", now)
                .executeUpdate();
        if (updated == 1) {
            return true;
        }
        if (em.find(CleanupLeaseEntity.class, method.number()) != null) {
            return false;
        }
        em.persist(new CleanupLeaseEntity(method.number(), nextRunAt, holder));
        em.flush();
        return true;
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static Authentication toAuthentication(AuthenticationEntity e) {
        return new Authentication(e.id.toString(), Method.ofNumber(e.method), e.expiresAt, e.createdAt, e.updatedAt,
                e.metadata, false);
    }
}
