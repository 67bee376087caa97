package dev.flagpost.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.gate.Route;
import dev.flagpost.authn.gate.Routes;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.method.jwt.JwtAuthenticator;
import dev.flagpost.authn.method.jwt.JwtFixtures;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.testing.Configs;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * The gate with {@code Authorization: JWT <token>}, keys from a PEM file, issuer and audience checked.
 *
 * <p>{@code jwtVerify} measures the full verification (parse, key selection, signature, claims) on
 * every call. The authenticator remembers verified tokens until their exp, so these tokens expired
 * one second before the (fixed) clock: still inside the method's 60 s leeway, hence accepted, but
 * never remembered. {@code jwtCached} presents a token with five minutes left, found in that cache.
 *
 * <p>{@code provider}: RS256 and ES256 verify through JCA, so {@code BC} puts BouncyCastle's provider
 * first and the setup checks that it is the one chosen. EdDSA is verified by BouncyCastle's
 * lightweight API whatever the providers (Ed25519JwsVerifier); JDK vs BC for Ed25519 itself is
 * {@link Ed25519VerifyBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class JwtBenchmark {
    private static final int TOKENS = 64;

    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    @Param({"JDK", "BC"})
    public String provider;

    JwtKeyMaterial keys;
    Gate gate;
    GateRequest[] verify;
    GateRequest cached;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        choose(provider, algorithm);
        keys = new JwtKeyMaterial(algorithm);
        AuthenticationConfig config = Configs.load("authentication: {required: true, methods: {jwt: {enabled: true, public_key_file: \""
                + keys.publicKeyFile + "\", validate_claims: {issuer: \"https://idp.example.com\", audiences: [flagpost]}}}}").authentication();
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        var jwt = new JwtAuthenticator(config.method(dev.flagpost.authn.Method.JWT, dev.flagpost.authn.method.jwt.JwtMethodConfig.class).orElseThrow(), clock);
        // A JWT never reaches the token store or its cache: neither is needed for these requests.
        var resolver = new CredentialResolver(new StaticTokens(config.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow(), now), null, AuthenticationCache.disabled(), clock,
                a -> null, jwt::authenticate);
        gate = new Gate(new SectionAccess(config), resolver::resolve, new CsrfGuard(config.session()));

        Route route = Routes.http("GET", "/api/v1/namespaces/default/flags");
        verify = new GateRequest[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            JWTClaimsSet claims = JwtFixtures.claims(now).jwtID("bench-" + i)
                    .issueTime(Date.from(now.minusSeconds(240))).expirationTime(Date.from(now.minusSeconds(1))).build();
            verify[i] = request(route, JwtFixtures.sign(keys.key, algorithm, claims));
        }
        cached = request(route, JwtFixtures.sign(keys.key, algorithm, JwtFixtures.claims(now).build()));
        Expect.passed(gate.decide(verify[0]));
        Expect.passed(gate.decide(cached));
    }

    private static GateRequest request(Route route, String jwt) {
        return new GateRequest(route, true, "GET", List.of("JWT " + jwt), null, null, null, "flags.example.com", null);
    }

    /** Installs the provider under test (each parameter combination runs in its own JVM) and checks JCA picks it. */
    static void choose(String provider, JWSAlgorithm algorithm) throws NoSuchAlgorithmException {
        if (provider.equals("BC")) {
            Security.insertProviderAt(new BouncyCastleProvider(), 1);
        } else if (!provider.equals("JDK")) {
            throw new IllegalArgumentException("provider is JDK or BC, not " + provider);
        }
        String jca = JWSAlgorithm.RS256.equals(algorithm) ? "SHA256withRSA" : JWSAlgorithm.ES256.equals(algorithm) ? "SHA256withECDSA" : null;
        if (jca == null) {
            System.out.println("\nEdDSA: verified by BouncyCastle's lightweight Ed25519 whatever the JCA providers");
            return;
        }
        String chosen = Signature.getInstance(jca).getProvider().getName();
        if (provider.equals("BC") != chosen.equals(BouncyCastleProvider.PROVIDER_NAME)) {
            throw new IllegalStateException(jca + " is served by " + chosen + ", not by the " + provider + " provider under test");
        }
        System.out.println("\n" + jca + " served by " + chosen);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keys.delete();
    }

    @Benchmark
    public Decision jwtVerify() {
        cursor = (cursor + 1) % TOKENS;
        return gate.decide(verify[cursor]);
    }

    @Benchmark
    public Decision jwtCached() {
        return gate.decide(cached);
    }
}
