package dev.flagpost.authn.cleanup;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.store.AuthenticationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Deletes one method's authentications that expired more than the grace period ago, in batches.
 * Runs at most once per interval across every node that shares the database: before deleting, a
 * node claims the method's lease row, which moves the next allowed run one interval ahead.
 */
public final class ExpiredAuthenticationCleaner {
    private static final Logger LOG = Logger.getLogger(ExpiredAuthenticationCleaner.class.getName());
    static final int BATCH_SIZE = 500;

    private final AuthenticationStore store;
    private final Clock clock;
    private final String node;

    public ExpiredAuthenticationCleaner(AuthenticationStore store, Clock clock, String node) {
        this.store = store;
        this.clock = clock;
        this.node = node;
    }

    /** @return how many were deleted, or -1 when another node holds this interval's run */
    public int runIfDue(Method method, CleanupConfig config) {
        Instant now = clock.instant();
        // A little under one interval, so that timer jitter on the same node never skips a run.
        Instant next = now.plus(config.interval().multipliedBy(9).dividedBy(10));
        if (!store.claimCleanup(method, now, next, node)) {
            return -1;
        }
        Instant cutoff = now.minus(config.gracePeriod());
        int total = 0;
        int deleted;
        do {
            deleted = store.deleteExpired(method, cutoff, BATCH_SIZE);
            total += deleted;
        } while (deleted == BATCH_SIZE);
        if (total > 0) {
            int count = total;
            LOG.info(() -> "cleanup deleted " + count + " " + method.wireName() + " authentications expired before " + cutoff);
        }
        return total;
    }
}
