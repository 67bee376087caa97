package dev.flagpost.client.auth;

import dev.flagpost.client.store.MemoryTokenStore;
import dev.flagpost.client.testing.BrowserBot;
import dev.flagpost.client.testing.MockIdp;
import dev.flagpost.client.config.StaticClientConfigStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token source with the real PKCE flow and a real IdP: refresh, and fallback to login. */
class RefreshAgainstMockIdpIT {
    static MockIdp idp;
    static final String ENDPOINT = "http://flagpost.test:80";

    @BeforeAll
    static void start() {
        idp = new MockIdp();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void expiredAccessTokenIsRenewedWithTheRefreshTokenWithoutABrowser() {
        BrowserBot bot = new BrowserBot();
        MemoryTokenStore store = new MemoryTokenStore();
        PkceAuthenticator pkce = new PkceAuthenticator(idp.store(), bot, Duration.ofSeconds(20), Clock.systemUTC());
        ManagedTokenSource source = ManagedTokenSource.builder(pkce, ENDPOINT).store(store).build();
        Credentials first = source.login();
        store.save(ENDPOINT, first.expiredAt(Instant.now()));

        ManagedTokenSource later = ManagedTokenSource.builder(pkce, ENDPOINT).store(store).interactiveAllowed(false).build();
        Credentials renewed = later.credentials();

        assertNotEquals(first.accessToken(), renewed.accessToken());
        assertEquals(1, bot.authorizationUrls.size(), "no second browser login");
    }

    @Test
    void expiredTokenTriggersExactlyOneRealRefreshFor50Threads() throws Exception {
        MemoryTokenStore store = new MemoryTokenStore();
        PkceAuthenticator pkce = new PkceAuthenticator(idp.store(), new BrowserBot(), Duration.ofSeconds(20), Clock.systemUTC());
        Credentials first = ManagedTokenSource.builder(pkce, ENDPOINT).store(store).build().login();
        store.save(ENDPOINT, first.expiredAt(Instant.now()));
        java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<ManagedTokenSource> self = new java.util.concurrent.atomic.AtomicReference<>();
        Authenticator counting = new Authenticator() {
            @Override
            public Credentials authenticate() {
                throw new AssertionError("no login expected");
            }

            @Override
            public Credentials refresh(Credentials current) {
                refreshes.incrementAndGet();
                ManagedTokenSourceTest.awaitQueued(self.get(), 49); // everyone else waits on this refresh
                return pkce.refresh(current);
            }
        };
        ManagedTokenSource source = ManagedTokenSource.builder(counting, ENDPOINT).store(store).build();
        self.set(source);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return source.credentials().accessToken();
                }));
            }
            go.countDown();
            java.util.Set<String> tokens = new java.util.HashSet<>();
            for (var f : results) {
                tokens.add(f.get(20, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, refreshes.get());
            assertEquals(1, tokens.size());
            assertNotEquals(first.accessToken(), tokens.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshTokenRefusedByTheIdpFallsBackToABrowserLogin() {
        BrowserBot bot = new BrowserBot();
        MemoryTokenStore store = new MemoryTokenStore();
        store.save(ENDPOINT, new Credentials("stale", "revoked-refresh-token", null, Instant.now().minusSeconds(5),
                null, null, null));
        PkceAuthenticator pkce = new PkceAuthenticator(idp.store(), bot, Duration.ofSeconds(20), Clock.systemUTC());

        Credentials c = ManagedTokenSource.builder(pkce, ENDPOINT).store(store).build().credentials();

        assertEquals(1, bot.authorizationUrls.size(), "mock answered invalid_grant, so a browser login ran");
        assertNotEquals("stale", c.accessToken());
        assertEquals(c.accessToken(), store.load(ENDPOINT).orElseThrow().accessToken());
        assertNotEquals("revoked-refresh-token", store.load(ENDPOINT).orElseThrow().refreshToken());
    }

    @Test
    void refreshTokenRefusedByTheIdpWithoutATerminalSaysToLogIn() {
        MemoryTokenStore store = new MemoryTokenStore();
        store.save(ENDPOINT, new Credentials("stale", "revoked-refresh-token", null, Instant.now().minusSeconds(5),
                null, null, null));
        PkceAuthenticator pkce = new PkceAuthenticator(idp.store(), url -> { throw new AssertionError("no browser"); },
                Duration.ofSeconds(1), Clock.systemUTC());

        AccessTokenNotFoundException e = assertThrows(AccessTokenNotFoundException.class, () ->
                ManagedTokenSource.builder(pkce, ENDPOINT).store(store).interactiveAllowed(false).build().credentials());

        assertTrue(e.getMessage().contains("invalid_grant") && e.getMessage().contains("flagpost login"), e.getMessage());
        assertTrue(store.load(ENDPOINT).isEmpty(), "a refused refresh token is useless and is dropped");
    }

    @Test
    void unreachableIdpDuringRefreshIsTransientAndKeepsTheRefreshToken() {
        MemoryTokenStore store = new MemoryTokenStore();
        store.save(ENDPOINT, new Credentials("stale", "keep-me", null, Instant.now().minusSeconds(5), null, null, null));
        PkceAuthenticator pkce = new PkceAuthenticator(new StaticClientConfigStore(idp.config().toBuilder()
                .tokenEndpoint(java.net.URI.create("http://127.0.0.1:1/token")).build()),
                url -> { throw new AssertionError("no browser on a network blip"); }, Duration.ofSeconds(1), Clock.systemUTC());

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ManagedTokenSource.builder(pkce, ENDPOINT).store(store).build().credentials());

        assertTrue(e.isTransient(), e.getMessage());
        assertEquals("keep-me", store.load(ENDPOINT).orElseThrow().refreshToken());
    }
}
