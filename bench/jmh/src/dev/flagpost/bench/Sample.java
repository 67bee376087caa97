package dev.flagpost.bench;

import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * A fixed, shuffled sample of what to look up, prepared before measuring so that neither hashing
 * nor random numbers are timed; the cursor walks it round-robin.
 */
final class Sample<T> {
    private static final int SIZE = 1 << 14;
    private final Object[] items = new Object[SIZE];
    private int cursor;

    Sample(long population, LongFunction<T> item) {
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < SIZE; i++) {
            items[i] = item.apply(random.nextLong(population));
        }
    }

    @SuppressWarnings("unchecked")
    T next() {
        cursor = (cursor + 1) & (SIZE - 1);
        return (T) items[cursor];
    }
}
