package dev.flagpost.authn.cleanup;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.store.AuthenticationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Deletes one method's authentications that expired more than the grace period ago, in batches.
 * Runs at most once per interval across every node that shares the database: before deleting, a
 * node claims the method's lease row, which moves the next allowed run one interval ahead.
 *
 * <p>Paced: after each full batch it pauses {@value #PAUSE_PER_WORK} times as long as the batch took
 * (at most {@link #MAX_PAUSE}), so that deleting a million rows does not take the CPU and database
 * time that live requests need. Unpaced, on 2 cores under a saturating token-lookup load, it raised
 * the lookups' p99 4.3-fold (bench/jmh.sh, cleanup-under-load).
 */
public final class ExpiredAuthenticationCleaner {
    private static final Logger LOG = Logger.getLogger(ExpiredAuthenticationCleaner.class.getName());
    static final int BATCH_SIZE = 500;
    static final int PAUSE_PER_WORK = 2;
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    /** Sleeps; false when interrupted (the server is stopping): the cleanup then stops too. */
    @FunctionalInterface
    interface Pause {
        boolean sleep(Duration d);
    }

    private final AuthenticationStore store;
    private final Clock clock;
    private final String node;
    private final Pause pause;

    public ExpiredAuthenticationCleaner(AuthenticationStore store, Clock clock, String node) {
        this(store, clock, node, ExpiredAuthenticationCleaner::sleep);
    }

    ExpiredAuthenticationCleaner(AuthenticationStore store, Clock clock, String node, Pause pause) {
        this.store = store;
        this.clock = clock;
        this.node = node;
        this.pause = pause;
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
            long started = System.nanoTime();
            deleted = store.deleteExpired(method, cutoff, BATCH_SIZE);
            total += deleted;
            if (deleted == BATCH_SIZE && !pause.sleep(pauseAfter(System.nanoTime() - started))) {
                LOG.info(() -> "cleanup of " + method.wireName() + " interrupted; the next run goes on");
                break;
            }
        } while (deleted == BATCH_SIZE);
        if (total > 0) {
            int count = total;
            LOG.info(() -> "cleanup deleted " + count + " " + method.wireName() + " authentications expired before " + cutoff);
        }
        return total;
    }

    static Duration pauseAfter(long batchNanos) {
        Duration d = Duration.ofNanos(batchNanos).multipliedBy(PAUSE_PER_WORK);
        return d.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : d;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
