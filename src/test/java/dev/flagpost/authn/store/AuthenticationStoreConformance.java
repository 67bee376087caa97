package dev.flagpost.authn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.persistence.Jpa;
import dev.flagpost.testing.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every AuthenticationStore backend must do; run on the embedded H2 and on PostgreSQL. */
abstract class AuthenticationStoreConformance {
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final ClientTokens tokens = new ClientTokens();
    Database database;
    AuthenticationStore store;

    abstract DatabaseConfig database();

    @BeforeEach
    void open() {
        database = Database.open(database(), JpaAuthenticationStore.entities());
        store = new JpaAuthenticationStore(database.jpa(), clock);
    }

    @AfterEach
    void close() {
        database.close();
        afterClose();
    }

    void afterClose() {
    }

    private Authentication create(String token, Method m, Instant expiresAt) {
        clock.advance(Duration.ofMillis(1));
        return store.create(token, m, expiresAt, Map.of("k", "v"));
    }

    @Test
    void createdAuthenticationsAreFoundByTokenAndById() {
        List<String> plain = new ArrayList<>();
        List<Authentication> created = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String t = tokens.generate();
            plain.add(t);
            created.add(create(t, Method.TOKEN, i % 2 == 0 ? null : START.plusSeconds(3600)));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(created.get(i), store.findByClientToken(plain.get(i)).orElseThrow());
            assertEquals(created.get(i), store.findById(created.get(i).id()).orElseThrow());
        }
        assertTrue(store.findByClientToken("never-issued").isEmpty());
        assertTrue(store.findById("not-a-uuid").isEmpty());
        assertTrue(store.findById("00000000-0000-0000-0000-000000000000").isEmpty());
    }

    @Test
    void onlyTheSha256OfTheTokenIsStored() throws Exception {
        String token = tokens.generate();
        create(token, Method.TOKEN, null);
        DatabaseConfig c = database();
        try (Connection conn = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
             ResultSet rs = conn.createStatement().executeQuery("select * from authentications")) {
            assertTrue(rs.next());
            for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                assertFalse(String.valueOf(rs.getObject(col)).contains(token), "plaintext token in column " + col);
            }
            assertEquals(ClientTokens.hash(token), rs.getString("hashed_client_token"));
        }
    }

    @Test
    void idsAndTokenHashesAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertTrue(ids.add(create(tokens.generate(), Method.TOKEN, null).id()));
        }
        String token = tokens.generate();
        create(token, Method.TOKEN, null);
        assertThrows(RuntimeException.class, () -> create(token, Method.OIDC, null));
        assertEquals(Method.TOKEN, store.findByClientToken(token).orElseThrow().method(), "the duplicate changed nothing");
    }

    @Test
    void listPagesInBothDirectionsAndFiltersByMethod() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(create(tokens.generate(), i < 5 ? Method.TOKEN : Method.OIDC, null).id());
        }
        List<String> ascending = collect(Method.TOKEN, false);
        assertEquals(ids.subList(0, 5), ascending);
        List<String> descending = collect(Method.TOKEN, true);
        List<String> reversed = new ArrayList<>(ids.subList(0, 5));
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, descending);
        assertEquals(ids, collect(null, false));
        var last = store.list(new AuthenticationStore.ListQuery(Method.TOKEN, 2, 4, false));
        assertEquals(1, last.authentications().size());
        assertEquals("", last.nextPageToken());
    }

    private List<String> collect(Method m, boolean descending) {
        List<String> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            var page = store.list(new AuthenticationStore.ListQuery(m, 2, offset, descending));
            page.authentications().forEach(a -> out.add(a.id()));
            if (page.nextPageToken().isEmpty()) {
                return out;
            }
            offset = Long.parseLong(page.nextPageToken());
        }
    }

    @Test
    void deleteByIdRemovesOnlyThatOne() {
        Authentication a = create(tokens.generate(), Method.TOKEN, null);
        Authentication b = create(tokens.generate(), Method.TOKEN, null);
        assertTrue(store.delete(a.id()));
        assertFalse(store.delete(a.id()));
        assertTrue(store.findById(a.id()).isEmpty());
        assertTrue(store.findById(b.id()).isPresent());
    }

    @Test
    void expireByIdSetsTheExpiry() {
        Authentication a = create(tokens.generate(), Method.TOKEN, null);
        Instant at = START.plusSeconds(60);
        Authentication expired = store.expire(a.id(), at).orElseThrow();
        assertEquals(at, expired.expiresAt());
        assertEquals(at, store.findById(a.id()).orElseThrow().expiresAt());
        assertTrue(store.expire("00000000-0000-0000-0000-000000000000", at).isEmpty());
    }

    @Test
    void deleteExpiredTouchesOnlyThatMethodPastTheBoundAndRespectsTheLimit() {
        for (int i = 0; i < 5; i++) {
            create(tokens.generate(), Method.TOKEN, START.minusSeconds(600 + i));
        }
        Authentication recent = create(tokens.generate(), Method.TOKEN, START.minusSeconds(10));
        Authentication never = create(tokens.generate(), Method.TOKEN, null);
        Authentication otherMethod = create(tokens.generate(), Method.OIDC, START.minusSeconds(3600));
        Instant bound = START.minusSeconds(300);
        assertEquals(3, store.deleteExpired(Method.TOKEN, bound, 3));
        assertEquals(2, store.deleteExpired(Method.TOKEN, bound, 3));
        assertEquals(0, store.deleteExpired(Method.TOKEN, bound, 3));
        assertTrue(store.findById(recent.id()).isPresent());
        assertTrue(store.findById(never.id()).isPresent());
        assertTrue(store.findById(otherMethod.id()).isPresent());
    }

    @Test
    void existsTellsWhetherAMethodHasAnyAuthentication() {
        assertFalse(store.exists(Method.TOKEN));
        create(tokens.generate(), Method.OIDC, null);
        assertFalse(store.exists(Method.TOKEN));
        create(tokens.generate(), Method.TOKEN, null);
        assertTrue(store.exists(Method.TOKEN));
    }

    @Test
    void cleanupLeaseIsGrantedOncePerInterval() {
        Instant next = START.plusSeconds(3600);
        assertTrue(store.claimCleanup(Method.TOKEN, START, next, "node-a"));
        assertFalse(store.claimCleanup(Method.TOKEN, START, next, "node-b"));
        assertTrue(store.claimCleanup(Method.OIDC, START, next, "node-b"), "each method has its own lease");
        assertFalse(store.claimCleanup(Method.TOKEN, next.minusSeconds(1), next.plusSeconds(3600), "node-b"));
        assertTrue(store.claimCleanup(Method.TOKEN, next, next.plusSeconds(3600), "node-b"));
    }
}
