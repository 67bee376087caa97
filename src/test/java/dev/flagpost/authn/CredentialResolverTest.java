package dev.flagpost.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.method.token.TokenMethodConfig;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.Jpa;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final Database database = Database.open(TestDatabases.h2(), JpaAuthenticationStore.entities());
    final JpaAuthenticationStore store = new JpaAuthenticationStore(database.jpa(), clock);
    final AuthenticationCache cache = new AuthenticationCache(Duration.ofMinutes(5), 100);
    final StaticTokens statics = new StaticTokens(new TokenMethodConfig(true, TokenMethodConfig.Bootstrap.NONE,
            Map.of("ci", new TokenMethodConfig.StaticToken("ci", "static-credential", Map.of("app", "ci"))),
            CleanupConfig.DEFAULT), clock.instant());
    final CredentialResolver resolver = new CredentialResolver(statics, store, cache, clock, m -> m == Method.TOKEN);
    final AuthenticationService service = new AuthenticationService(store, statics, cache, clock);

    @AfterEach
    void close() {
        database.close();
    }

    static Credential bearer(String token) {
        return new Credential.ClientToken(token, Credential.Source.HEADER);
    }

    @Test
    void storedTokenResolvesToItsAuthentication() {
        Authentication a = store.create("tok-1", Method.TOKEN, null, Map.of());
        assertEquals(new Resolution.Authenticated(a), resolver.resolve(bearer("tok-1")));
    }

    @Test
    void staticTokensAreMatchedFirst() {
        var r = assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("static-credential")));
        assertEquals("ci", r.authentication().id());
        assertEquals(true, r.authentication().isStatic());
    }

    @Test
    void onlyConfiguredAndCachedTokensAreKnownWithoutIo() {
        store.create("tok-io", Method.TOKEN, null, Map.of());
        assertEquals(true, resolver.resolvesWithoutIo(bearer("static-credential")));
        assertEquals(false, resolver.resolvesWithoutIo(bearer("tok-io")), "not looked up yet: the store must be read");
        resolver.resolve(bearer("tok-io"));
        assertEquals(true, resolver.resolvesWithoutIo(bearer("tok-io")), "cached by the first resolution");
        assertEquals(false, resolver.resolvesWithoutIo(bearer("never-seen")));
        assertEquals(false, resolver.resolvesWithoutIo(new Credential.Jwt("a.b.c", Credential.Source.HEADER)));
    }

    @Test
    void unknownTokenIsUnauthenticated() {
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("nope")));
    }

    @Test
    void expiredTokenIsUnauthenticatedEvenWhenCached() {
        store.create("tok-2", Method.TOKEN, clock.instant().plusSeconds(60), Map.of());
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("tok-2")));
        clock.advance(Duration.ofSeconds(61));
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("tok-2")));
    }

    @Test
    void tokenIsAcceptedAtItsExpiryInstantAndRefusedOneMillisecondAfter() {
        store.create("tok-edge", Method.TOKEN, clock.instant().plusSeconds(60), Map.of());
        clock.advance(Duration.ofSeconds(60));
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("tok-edge")), "at its expiry instant");
        clock.advance(Duration.ofMillis(1));
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("tok-edge")), "1 ms after it");
    }

    @Test
    void aTokenThatNeverExpiresIsResolvedWithoutReadingTheClock() {
        store.create("tok-forever", Method.TOKEN, null, Map.of());
        resolver.resolve(bearer("tok-forever"));
        int before = clock.reads();
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("tok-forever")));
        assertEquals(before, clock.reads(), "a cached token without expiry must not cost a clock read");
    }

    @Test
    void deletingACachedTokenTakesEffectAtOnce() {
        Authentication a = store.create("tok-3", Method.TOKEN, null, Map.of());
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("tok-3")));
        service.delete(a.id(), a);
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("tok-3")));
    }

    @Test
    void expiringACachedTokenTakesEffectAtOnce() {
        Authentication a = store.create("tok-4", Method.TOKEN, null, Map.of());
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("tok-4")));
        service.expireSelf(a, null);
        clock.advance(Duration.ofMillis(1));
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("tok-4")));
    }

    @Test
    void authenticationsOfADisabledMethodAreRefused() {
        store.create("oidc-session", Method.OIDC, null, Map.of());
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(bearer("oidc-session")));
    }

    @Test
    void jwtIsRefusedWhileTheJwtMethodIsAbsent() {
        assertInstanceOf(Resolution.Unauthenticated.class, resolver.resolve(new Credential.Jwt("a.b.c", Credential.Source.HEADER)));
    }

    @Test
    void storeFailureIsUnavailableNotUnauthenticated() {
        store.create("tok-5", Method.TOKEN, null, Map.of());
        database.close();
        assertInstanceOf(Resolution.Unavailable.class, resolver.resolve(bearer("tok-5")));
        assertInstanceOf(Resolution.Authenticated.class, resolver.resolve(bearer("static-credential")),
                "static tokens need no database");
    }
}
