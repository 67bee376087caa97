package dev.flagpost.authn.method.kubernetes;

import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.ATTACKER;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.RSA;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.claims;
import static dev.flagpost.authn.method.kubernetes.KubernetesFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.cleanup.ExpiredAuthenticationCleaner;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.persistence.Database;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange end to end on the embedded database: stored client token, error codes, and cleanup by the method's settings. */
class KubernetesLoginTest {
    static final CleanupConfig CLEANUP = new CleanupConfig(Duration.ofMinutes(10), Duration.ofMinutes(5));
    static final KubernetesFixtures.TestCa CA = new KubernetesFixtures.TestCa("login-test-ca");
    @TempDir
    static Path dir;
    static KubernetesFixtures.DiscoveryServer cluster;
    static KubernetesMethodConfig config;

    final Instant now = Instant.now();
    final MutableClock clock = new MutableClock(now);
    final Database database = Database.open(TestDatabases.h2(), JpaAuthenticationStore.entities());
    final JpaAuthenticationStore store = new JpaAuthenticationStore(database.jpa(), clock);
    final KubernetesLogin login = new KubernetesLogin(new ServiceAccountVerifier(config, clock), new TokenCreator(store, new ClientTokens(), clock));

    @BeforeAll
    static void startCluster() throws Exception {
        Path ca = CA.writePem(dir.resolve("ca.crt"));
        Path token = Files.writeString(dir.resolve("token"), "own-token");
        cluster = new KubernetesFixtures.DiscoveryServer(CA.issueServer(), 0, "own-token", RSA);
        config = new KubernetesMethodConfig(true, cluster.url(), ca.toString(), token.toString(), List.of(), List.of(), List.of(), CLEANUP);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aVerifiedTokenIsStoredAsAKubernetesAuthenticationExpiringWithIt() {
        TokenCreator.Created issued = login.exchange(sign(RSA, claims(now, "payments", "checkout").build()));
        var stored = store.findByClientToken(issued.clientToken()).orElseThrow();
        assertEquals(Method.KUBERNETES, stored.method());
        assertEquals(now.plusSeconds(3600).getEpochSecond(), stored.expiresAt().getEpochSecond());
        assertEquals("checkout", stored.metadata().get("io.flipt.auth.k8s.serviceaccount.name"));
        assertEquals(44, issued.clientToken().length(), "32 random bytes, base64url with padding");
    }

    @Test
    void kubernetesAuthenticationsAreCleanedAfterTheirTokenExpiresAndTheGracePeriod() {
        String id = login.exchange(sign(RSA, claims(now, "payments", "checkout").build())).authentication().id();
        ExpiredAuthenticationCleaner cleaner = new ExpiredAuthenticationCleaner(store, clock, "n1");
        clock.advance(Duration.ofSeconds(3600 + 4 * 60));
        assertEquals(0, cleaner.runIfDue(Method.KUBERNETES, config.cleanup()), "still in the grace period");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, cleaner.runIfDue(Method.KUBERNETES, config.cleanup()));
        assertTrue(store.findById(id).isEmpty());
    }

    @Test
    void badTokensAreUnauthenticatedAndAMissingOneIsAnInvalidArgument() {
        FliptException forged = assertThrows(FliptException.class, () -> login.exchange(sign(ATTACKER, claims(now, "payments", "checkout").build())));
        assertEquals(Code.UNAUTHENTICATED, forged.code());
        assertEquals(FliptException.UNAUTHENTICATED_MESSAGE, forged.getMessage(), "the reason is logged, not returned");
        assertEquals(Code.INVALID_ARGUMENT, assertThrows(FliptException.class, () -> login.exchange(" ")).code());
        assertEquals(Code.INVALID_ARGUMENT, assertThrows(FliptException.class, () -> login.exchange(null)).code());
    }

    @Test
    void anUnreachableIssuerIsUnavailableAndNothingIsStored() {
        KubernetesMethodConfig down = new KubernetesMethodConfig(true, "https://127.0.0.1:1", config.caPath(), config.serviceAccountTokenPath(),
                List.of(), List.of(), List.of(), CLEANUP);
        KubernetesLogin l = new KubernetesLogin(new ServiceAccountVerifier(down, clock), new TokenCreator(store, new ClientTokens(), clock));
        FliptException e = assertThrows(FliptException.class, () -> l.exchange(sign(RSA, claims(now, "payments", "checkout").build())));
        assertEquals(Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("discovery_url https://127.0.0.1:1") && e.getMessage().contains("ca_path " + config.caPath()), e.getMessage());
        assertFalse(store.exists(Method.KUBERNETES));
    }
}
