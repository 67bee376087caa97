package dev.flagpost.client.auth;

import dev.flagpost.client.store.MemoryTokenStore;
import dev.flagpost.client.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedTokenSourceTest {
    static final String ENDPOINT = "https://flagpost.example:443";
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final MemoryTokenStore store = new MemoryTokenStore();

    /** An interactive OAuth flow whose calls are counted; refresh behaviour is scripted. */
    final class FakeFlow implements Authenticator {
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
        volatile RuntimeException refreshFailure;
        volatile Runnable beforeRefresh = () -> { };

        @Override
        public Credentials authenticate() {
            return creds("login-" + logins.incrementAndGet(), "rt-login");
        }

        @Override
        public Credentials refresh(Credentials current) {
            beforeRefresh.run();
            if (refreshFailure != null) {
                throw refreshFailure;
            }
            if (!current.hasRefreshToken()) {
                throw new AccessTokenNotFoundException("no refresh token");
            }
            return creds("refreshed-" + refreshes.incrementAndGet(), current.refreshToken());
        }

        @Override
        public boolean interactive() {
            return true;
        }
    }

    Credentials creds(String access, String refresh) {
        return new Credentials(access, refresh, null, clock.instant().plus(Duration.ofMinutes(10)), "iss", "cli", null);
    }

    ManagedTokenSource source(Authenticator a, boolean interactive) {
        return ManagedTokenSource.builder(a, ENDPOINT).store(store).clock(clock).interactiveAllowed(interactive).build();
    }

    @Test
    void expiredTokenTriggersExactlyOneRefreshFor50Threads() throws Exception {
        FakeFlow flow = new FakeFlow();
        store.save(ENDPOINT, creds("old", "rt").expiredAt(clock.instant()));
        ManagedTokenSource source = source(flow, false);
        int threads = 50;
        // Hold the refresh until every other caller is queued behind it, so the test fails if
        // waiting callers renew again instead of reusing the result.
        flow.beforeRefresh = () -> awaitQueued(source, threads - 1);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return source.credentials().accessToken();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Future<String> f : results) {
                seen.add(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, flow.refreshes.get());
            assertEquals(0, flow.logins.get());
            assertEquals(Set.of("refreshed-1"), seen);
        } finally {
            pool.shutdownNow();
        }
    }

    static void awaitQueued(ManagedTokenSource source, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.queuedCallers() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + source.queuedCallers() + " callers queued");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void rejectionOfAnAlreadyReplacedTokenDoesNotRefreshAgain() {
        FakeFlow flow = new FakeFlow();
        store.save(ENDPOINT, creds("old", "rt"));
        ManagedTokenSource source = source(flow, false);
        String old = source.credentials().accessToken();

        Credentials afterFirst = source.onRejected(old);
        Credentials afterSecond = source.onRejected(old); // a late caller still holding "old"

        assertEquals("refreshed-1", afterFirst.accessToken());
        assertSame(afterFirst, afterSecond);
        assertEquals(1, flow.refreshes.get());
    }

    @Test
    void rejectionKeepsTheRefreshTokenAndUsesIt() {
        FakeFlow flow = new FakeFlow();
        store.save(ENDPOINT, creds("old", "rt-stored"));
        ManagedTokenSource source = source(flow, false);
        Credentials renewed = source.onRejected(source.credentials().accessToken());
        assertEquals("rt-stored", renewed.refreshToken());
        assertEquals(0, flow.logins.get());
    }

    @Test
    void tokenIsRefreshedProactivelyWithinTheMarginBeforeExpiry() {
        FakeFlow flow = new FakeFlow();
        store.save(ENDPOINT, creds("old", "rt")); // expires in 10 min, margin 60 s
        ManagedTokenSource source = source(flow, false);

        clock.advance(Duration.ofMinutes(8));
        assertEquals("old", source.credentials().accessToken());
        clock.advance(Duration.ofSeconds(61)); // 59 s left
        assertEquals("refreshed-1", source.credentials().accessToken());
    }

    @Test
    void refusedRefreshFallsBackToTheInteractiveFlowAndStoresTheResult() {
        FakeFlow flow = new FakeFlow();
        flow.refreshFailure = new AccessTokenNotFoundException("invalid_grant");
        store.save(ENDPOINT, creds("old", "rt").expiredAt(clock.instant()));

        Credentials c = source(flow, true).credentials();

        assertEquals("login-1", c.accessToken());
        assertEquals("login-1", store.load(ENDPOINT).orElseThrow().accessToken());
    }

    @Test
    void refusedRefreshWithoutInteractionDropsTheDeadRefreshTokenAndSaysToLogIn() {
        FakeFlow flow = new FakeFlow();
        flow.refreshFailure = new AccessTokenNotFoundException("the refresh token was refused; run `flagpost login` again");
        store.save(ENDPOINT, creds("old", "rt").expiredAt(clock.instant()));

        AccessTokenNotFoundException e = assertThrows(AccessTokenNotFoundException.class, () -> source(flow, false).credentials());
        assertTrue(e.getMessage().contains("flagpost login"));
        assertTrue(store.load(ENDPOINT).isEmpty());
        assertEquals(0, flow.logins.get());
    }

    @Test
    void transientRefreshFailureKeepsTheStoredRefreshToken() {
        FakeFlow flow = new FakeFlow();
        flow.refreshFailure = new AuthenticationException("could not reach the identity provider", null, true);
        store.save(ENDPOINT, creds("old", "rt-keep").expiredAt(clock.instant()));

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> source(flow, true).credentials());

        assertTrue(e.isTransient());
        assertEquals("rt-keep", store.load(ENDPOINT).orElseThrow().refreshToken());
        assertEquals(0, flow.logins.get(), "a network blip must not start an interactive login");
    }

    @Test
    void notLoggedInAndNoInteractionFailsWithAccessTokenNotFound() {
        AccessTokenNotFoundException e = assertThrows(AccessTokenNotFoundException.class,
                () -> source(new FakeFlow(), false).credentials());
        assertTrue(e.getMessage().contains("flagpost login"));
    }

    @Test
    void credentialsAreStoredPerEndpoint() {
        FakeFlow flow = new FakeFlow();
        ManagedTokenSource a = ManagedTokenSource.builder(flow, "https://a:443").store(store).clock(clock).build();
        ManagedTokenSource b = ManagedTokenSource.builder(flow, "https://b:443").store(store).clock(clock).build();
        a.login();
        assertTrue(store.load("https://b:443").isEmpty());
        assertEquals("login-2", b.credentials().accessToken());
    }

    @Test
    void commandAndStaticCredentialsAreNeverPersisted() {
        ManagedTokenSource s = ManagedTokenSource.builder(new StaticTokenAuthenticator("static-token"), ENDPOINT)
                .store(store).clock(clock).build();
        assertEquals("Bearer static-token", s.credentials().headerValue());
        assertTrue(store.load(ENDPOINT).isEmpty());
    }

    @Test
    void rejectedStaticTokenSaysToCreateANewOne() {
        ManagedTokenSource s = ManagedTokenSource.builder(new StaticTokenAuthenticator("static-token"), ENDPOINT)
                .store(store).clock(clock).build();
        AccessTokenNotFoundException e = assertThrows(AccessTokenNotFoundException.class,
                () -> s.onRejected(s.credentials().accessToken()));
        assertTrue(e.getMessage().contains("flagpost token create"));
    }

    @Test
    void jwtSchemeIsAppliedToIdpTokensButNeverToFlagpostClientTokens() {
        ManagedTokenSource idpTokens = ManagedTokenSource.builder(new FakeFlow(), ENDPOINT).store(store).clock(clock)
                .scheme("JWT").build();
        assertEquals("JWT login-1", idpTokens.login().headerValue());
        ManagedTokenSource clientToken = ManagedTokenSource.builder(new StaticTokenAuthenticator("ct"), ENDPOINT)
                .store(store).clock(clock).scheme("JWT").build();
        assertEquals("Bearer ct", clientToken.credentials().headerValue());
    }

    @Test
    void logoutForgetsStoredCredentials() {
        FakeFlow flow = new FakeFlow();
        ManagedTokenSource s = source(flow, true);
        s.login();
        s.logout();
        assertTrue(store.load(ENDPOINT).isEmpty());
        assertEquals("login-2", s.credentials().accessToken());
    }

    @Test
    void toStringNeverShowsTokens() {
        Credentials c = creds("secret-access-value", "secret-refresh-value");
        assertTrue(!c.toString().contains("secret-access-value") && !c.toString().contains("secret-refresh-value"));
        assertTrue(c.toString().contains("sha256:"));
    }
}
