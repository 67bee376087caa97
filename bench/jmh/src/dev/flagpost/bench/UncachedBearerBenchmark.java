package dev.flagpost.bench;

import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.gate.Route;
import dev.flagpost.authn.gate.Routes;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.testing.Configs;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The gate with a Bearer token and the token cache off (flagpost.auth.cache.ttl=0): every request
 * hashes the token and reads the store, on the embedded H2 file database and on PostgreSQL.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class UncachedBearerBenchmark {
    static final long TOKENS = 1_000;

    @Param({"h2", "postgresql"})
    public BenchDatabase.Kind db;

    BenchDatabase database;
    Gate gate;
    Sample<GateRequest> requests;

    @Setup(Level.Trial)
    public void setUp() {
        AuthenticationConfig config = Configs.load("authentication: {required: true, methods: {token: {enabled: true}}}").authentication();
        Clock clock = Clock.systemUTC();
        database = BenchDatabase.open(db, clock);
        var resolver = new CredentialResolver(new StaticTokens(config.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow(), clock.instant()), database.store(),
                AuthenticationCache.disabled(), clock, config::enabled);
        gate = new Gate(new SectionAccess(config), resolver::resolve, new CsrfGuard(config.session()));
        TokenRows tokens = new TokenRows();
        tokens.insert(database.config(), "live", TOKENS, Method.TOKEN, null);
        Route route = Routes.http("GET", "/api/v1/namespaces/default/flags");
        requests = new Sample<>(TOKENS, i -> new GateRequest(route, true, "GET", List.of("Bearer " + tokens.token("live", i)),
                null, null, null, "flags.example.com", null));
        Expect.passed(gate.decide(requests.next()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public Decision uncachedBearer() {
        return gate.decide(requests.next());
    }
}
