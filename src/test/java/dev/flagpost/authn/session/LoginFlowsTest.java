package dev.flagpost.authn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Method;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Login flows are single use across concurrent callbacks, bound to their method and provider, and expire; on both databases. */
class LoginFlowsTest {
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    private Database database;
    private String pgSchema;

    private LoginFlows flows(String db) {
        DatabaseConfig config;
        if (db.equals("pg")) {
            pgSchema = TestDatabases.newSchemaName();
            config = TestDatabases.postgres(pgSchema);
        } else {
            config = TestDatabases.h2();
        }
        database = Database.open(config, List.of(LoginFlowEntity.class));
        return new LoginFlows(database.jpa(), clock, Duration.ofMinutes(10));
    }

    @AfterEach
    void close() {
        database.close();
        if (pgSchema != null) {
            TestDatabases.dropPostgresSchema(pgSchema);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aFlowIsHandedOutOnceWithItsNonceAndVerifier(String db) {
        LoginFlows flows = flows(db);
        String token = LoginState.randomToken();
        flows.begin(token, new LoginFlows.Flow(Method.OIDC, "google", "n-1", "v-1"));
        Optional<LoginFlows.Flow> flow = flows.consume(token, Method.OIDC, "google");
        assertEquals("n-1", flow.orElseThrow().nonce());
        assertEquals("v-1", flow.get().codeVerifier());
        assertTrue(flows.consume(token, Method.OIDC, "google").isEmpty(), "second use");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void ofConcurrentCallbacksWithOneStateOnlyOneGetsTheFlow(String db) throws Exception {
        LoginFlows flows = flows(db);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String token = LoginState.randomToken();
                flows.begin(token, new LoginFlows.Flow(Method.OIDC, "google", "n", null));
                List<CompletableFuture<Boolean>> racers = java.util.stream.IntStream.range(0, 8)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                            try {
                                return flows.consume(token, Method.OIDC, "google").isPresent();
                            } catch (RuntimeException e) {
                                return false; // a serialization failure is also "not yours"
                            }
                        }, pool)).toList();
                long winners = racers.stream().filter(CompletableFuture::join).count();
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aFlowStartedForOneProviderIsNotHandedToAnotherAndIsBurnt(String db) {
        LoginFlows flows = flows(db);
        String token = LoginState.randomToken();
        flows.begin(token, new LoginFlows.Flow(Method.OIDC, "google", "n", null));
        assertTrue(flows.consume(token, Method.OIDC, "corp").isEmpty());
        assertTrue(flows.consume(token, Method.OIDC, "google").isEmpty(), "a mismatched attempt burns the flow");
        String gh = LoginState.randomToken();
        flows.begin(gh, new LoginFlows.Flow(Method.GITHUB, "github", "n", null));
        assertTrue(flows.consume(gh, Method.OIDC, "github").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void anExpiredFlowIsRefusedAndCleanedUp(String db) {
        LoginFlows flows = flows(db);
        String late = LoginState.randomToken();
        String pending = LoginState.randomToken();
        flows.begin(late, new LoginFlows.Flow(Method.OIDC, "google", "n", null));
        clock.advance(Duration.ofMinutes(9));
        flows.begin(pending, new LoginFlows.Flow(Method.OIDC, "google", "n", null));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, flows.deleteExpired());
        assertTrue(flows.consume(late, Method.OIDC, "google").isEmpty());
        assertTrue(flows.consume(pending, Method.OIDC, "google").isPresent());
    }
}
