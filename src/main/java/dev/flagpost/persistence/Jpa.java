package dev.flagpost.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

/**
 * Runs units of work with an EntityManager, in a transaction for writes, and turns every sign of a
 * database that cannot answer into {@link StoreUnavailableException}.
 */
public final class Jpa {
    private final EntityManagerFactory emf;
    private final javax.sql.DataSource dataSource;

    public Jpa(EntityManagerFactory emf, javax.sql.DataSource dataSource) {
        this.emf = emf;
        this.dataSource = dataSource;
    }

    /** A unit of plain JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(java.sql.Connection connection) throws SQLException;
    }

    /**
     * Plain JDBC on the same pool, for the one query that runs on every uncached request (token
     * lookup): an EntityManager and a JPQL query cost more than the database does there.
     */
    public <T> T jdbc(SqlWork<T> work) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw translate(new jakarta.persistence.PersistenceException(e));
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    public <T> T read(Function<EntityManager, T> work) {
        try (EntityManager em = emf.createEntityManager()) {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    public <T> T write(Function<EntityManager, T> work) {
        try (EntityManager em = emf.createEntityManager()) {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException s) {
                return s;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof com.zaxxer.hikari.pool.HikariPool.PoolInitializationException
                    || (t instanceof SQLException sql && isConnectionState(sql.getSQLState()))) {
                return new StoreUnavailableException("database unavailable: " + t.getMessage(), e);
            }
        }
        return e;
    }

    /** SQLSTATE classes 08 (connection), 53 (resources), 57P (operator intervention), 57014 (timeout). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("57014") || state.equals("HYT00") || state.equals("90067") || state.equals("90098"));
    }
}
