package dev.flagpost.bench;

import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.gate.Routes;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.config.CacheSettings;
import dev.flagpost.testing.Configs;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The gate's decision for one HTTP request whose credential needs no database round trip: none at
 * all (refused), a Bearer token found in the token cache (production's default cache settings), and
 * a browser write with the session cookie and its X-CSRF-Token. The store behind the cache is the
 * embedded H2 database, only reached when a cache entry expires (every 10 s by default).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class GateBenchmark {
    private static final String HOST = "flags.example.com";

    BenchDatabase db;
    Gate gate;
    GateRequest noCredential;
    GateRequest cachedBearer;
    GateRequest sessionWrite;

    @Setup(Level.Trial)
    public void setUp() {
        String csrfKey = randomSecret();
        AuthenticationConfig config = Configs.load("authentication: {required: true, session: {domain: " + HOST
                + ", csrf: {key: \"" + csrfKey + "\"}}, methods: {token: {enabled: true}}}").authentication();
        Clock clock = Clock.systemUTC();
        db = BenchDatabase.open(BenchDatabase.Kind.h2, clock);
        var cache = new AuthenticationCache(CacheSettings.DEFAULT.ttl(), CacheSettings.DEFAULT.size());
        var resolver = new CredentialResolver(new StaticTokens(config.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow(), clock.instant()), db.store(), cache, clock, config::enabled);
        CsrfGuard csrf = new CsrfGuard(config.session());
        gate = new Gate(new SectionAccess(config), resolver::resolve, csrf);

        ClientTokens tokens = new ClientTokens();
        String bearer = tokens.generate();
        db.store().create(bearer, Method.TOKEN, null, Map.of());
        String session = tokens.generate();
        String sessionId = db.store().create(session, Method.TOKEN, Instant.now().plusSeconds(86_400), Map.of()).id();

        var read = Routes.http("GET", "/api/v1/namespaces/default/flags");
        var write = Routes.http("POST", "/api/v1/namespaces/default/flags");
        noCredential = new GateRequest(read, true, "GET", List.of(), null, null, null, HOST, null);
        cachedBearer = new GateRequest(read, true, "GET", List.of("Bearer " + bearer), null, null, null, HOST, null);
        sessionWrite = new GateRequest(write, true, "POST", List.of(), session, "same-origin", "https://" + HOST, HOST,
                csrf.tokenFor(sessionId));

        // Benchmark what production does on these requests, not an error path by mistake.
        Expect.refused(gate.decide(noCredential));
        Expect.passed(gate.decide(cachedBearer));
        Expect.passed(gate.decide(sessionWrite));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    @Benchmark
    public Decision noCredential() {
        return gate.decide(noCredential);
    }

    @Benchmark
    public Decision cachedBearer() {
        return gate.decide(cachedBearer);
    }

    @Benchmark
    public Decision sessionCookieWithCsrf() {
        return gate.decide(sessionWrite);
    }

    static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
