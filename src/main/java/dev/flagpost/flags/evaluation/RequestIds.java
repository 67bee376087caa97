package dev.flagpost.flags.evaluation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for evaluation responses: random version-4 UUIDs, as Flipt's, but drawn from
 * {@link ThreadLocalRandom}. They only correlate a response with logs, so they need uniqueness,
 * not unpredictability; {@link UUID#randomUUID()} would put a shared SecureRandom on every
 * evaluation.
 */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;                 // version 4
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
