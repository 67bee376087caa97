package dev.flagpost.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** A clock tests move by hand, so that expiry is tested without sleeping. */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final AtomicInteger reads = new AtomicInteger();

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        return now;
    }

    /** How often the time was read ({@code millis()} reads through {@link #instant}). */
    public int reads() {
        return reads.get();
    }
}
