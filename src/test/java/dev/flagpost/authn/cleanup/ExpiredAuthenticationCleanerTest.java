package dev.flagpost.authn.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.Jpa;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiredAuthenticationCleanerTest {
    static final CleanupConfig HOURLY = new CleanupConfig(Duration.ofHours(1), Duration.ofMinutes(30));
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final Database database = Database.open(TestDatabases.h2(), JpaAuthenticationStore.entities());
    final JpaAuthenticationStore store = new JpaAuthenticationStore(database.jpa(), clock);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void deletesOnlyWhatExpiredBeforeTheGracePeriodAndNeverWhatHasNoExpiry() {
        Instant now = clock.instant();
        Authentication old = store.create("a", Method.TOKEN, now.minus(Duration.ofMinutes(31)), Map.of());
        Authentication inGrace = store.create("b", Method.TOKEN, now.minus(Duration.ofMinutes(29)), Map.of());
        Authentication live = store.create("c", Method.TOKEN, now.plusSeconds(60), Map.of());
        Authentication never = store.create("d", Method.TOKEN, null, Map.of());
        Authentication otherMethod = store.create("e", Method.OIDC, now.minus(Duration.ofDays(1)), Map.of());

        assertEquals(1, new ExpiredAuthenticationCleaner(store, clock, "n1").runIfDue(Method.TOKEN, HOURLY));
        assertTrue(store.findById(old.id()).isEmpty());
        for (Authentication kept : new Authentication[] {inGrace, live, never, otherMethod}) {
            assertTrue(store.findById(kept.id()).isPresent(), kept.metadata().toString());
        }
    }

    @Test
    void deletesInBatchesUntilNoneIsLeft() {
        int n = twoAndABitBatchesExpired();
        assertEquals(n, new ExpiredAuthenticationCleaner(store, clock, "n1").runIfDue(Method.TOKEN, HOURLY));
    }

    @Test
    void pausesAfterEveryFullBatchForTwiceItsDurationAtMostOneSecond() {
        int n = twoAndABitBatchesExpired();
        List<Duration> pauses = new ArrayList<>();
        var cleaner = new ExpiredAuthenticationCleaner(store, clock, "n1", d -> pauses.add(d));
        assertEquals(n, cleaner.runIfDue(Method.TOKEN, HOURLY));
        assertEquals(2, pauses.size(), "one pause after each of the two full batches, none after the last: " + pauses);
        assertTrue(pauses.stream().allMatch(d -> !d.isNegative() && d.compareTo(ExpiredAuthenticationCleaner.MAX_PAUSE) <= 0), pauses.toString());
        assertEquals(Duration.ofMillis(30), ExpiredAuthenticationCleaner.pauseAfter(Duration.ofMillis(15).toNanos()));
        assertEquals(ExpiredAuthenticationCleaner.MAX_PAUSE, ExpiredAuthenticationCleaner.pauseAfter(Duration.ofSeconds(5).toNanos()));
    }

    @Test
    void anInterruptedPauseStopsTheCleanupAndTheNextRunGoesOn() {
        int n = twoAndABitBatchesExpired();
        var stopping = new ExpiredAuthenticationCleaner(store, clock, "n1", d -> false);
        assertEquals(ExpiredAuthenticationCleaner.BATCH_SIZE, stopping.runIfDue(Method.TOKEN, HOURLY), "one batch, then it stopped");
        clock.advance(HOURLY.interval());
        assertEquals(n - ExpiredAuthenticationCleaner.BATCH_SIZE,
                new ExpiredAuthenticationCleaner(store, clock, "n1", d -> true).runIfDue(Method.TOKEN, HOURLY));
    }

    /** Two full batches and a partial one of tokens expired two hours ago; returns how many. */
    private int twoAndABitBatchesExpired() {
        Instant expired = clock.instant().minus(Duration.ofHours(2));
        int n = ExpiredAuthenticationCleaner.BATCH_SIZE * 2 + 7;
        for (int i = 0; i < n; i++) {
            store.create("t" + i, Method.TOKEN, expired, Map.of());
        }
        return n;
    }

    @Test
    void runsOncePerIntervalAcrossNodesSharingTheDatabase() {
        var nodeA = new ExpiredAuthenticationCleaner(store, clock, "node-a");
        var nodeB = new ExpiredAuthenticationCleaner(store, clock, "node-b");
        assertEquals(0, nodeA.runIfDue(Method.TOKEN, HOURLY));
        assertEquals(-1, nodeB.runIfDue(Method.TOKEN, HOURLY), "B's timer fired in the same interval");
        assertEquals(-1, nodeA.runIfDue(Method.TOKEN, HOURLY));
        clock.advance(Duration.ofHours(1));
        store.create("late", Method.TOKEN, clock.instant().minus(Duration.ofHours(1)), Map.of());
        assertEquals(1, nodeB.runIfDue(Method.TOKEN, HOURLY), "next interval: whoever comes first runs");
        assertEquals(-1, nodeA.runIfDue(Method.TOKEN, HOURLY));
    }
}
