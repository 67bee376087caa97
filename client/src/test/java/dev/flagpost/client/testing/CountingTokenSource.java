package dev.flagpost.client.testing;

import dev.flagpost.client.auth.Credentials;
import dev.flagpost.client.auth.TokenSource;

import java.util.concurrent.atomic.AtomicInteger;

/** Hands out t1, then t2, ... on each renewal; counts renewals. */
public final class CountingTokenSource implements TokenSource {
    public final AtomicInteger renewals = new AtomicInteger();
    private volatile Credentials current = Credentials.bearer("t1");

    @Override
    public Credentials credentials() {
        return current;
    }

    @Override
    public synchronized Credentials onRejected(String rejected) {
        if (current.accessToken().equals(rejected)) {
            current = Credentials.bearer("t" + (renewals.incrementAndGet() + 1));
        }
        return current;
    }
}
