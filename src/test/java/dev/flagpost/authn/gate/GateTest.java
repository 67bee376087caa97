package dev.flagpost.authn.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flagpost.api.Code;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Credential;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.Resolution;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.testing.Configs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gate's decision table: config × route × credential × CSRF → pass / open / refuse. Each row
 * names the outcome the transports then enforce; the resolver is a table of known credentials.
 */
class GateTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Authentication ADMIN = new Authentication("admin-id", Method.TOKEN, null, NOW, NOW, Map.of(), false);
    static final Authentication TEAM_A = new Authentication("team-a-id", Method.TOKEN, null, NOW, NOW,
            Map.of(Authentication.META_TOKEN_NAMESPACE, "team-a"), false);
    static final Authentication SESSION = new Authentication("session-id", Method.OIDC, null, NOW, NOW, Map.of(), false);

    /** Every credential the tests present, by the token it carries. */
    static final Function<Credential, Resolution> RESOLVER = c -> switch (c.value()) {
        case "admin" -> new Resolution.Authenticated(ADMIN);
        case "team-a" -> new Resolution.Authenticated(TEAM_A);
        case "session" -> new Resolution.Authenticated(SESSION);
        case "db-down" -> new Resolution.Unavailable("connection refused");
        default -> new Resolution.Unauthenticated("unknown token");
    };

    static Gate gate(String config) {
        AuthenticationConfig auth = auth(config);
        return new Gate(new SectionAccess(auth), RESOLVER, new CsrfGuard(auth.session()));
    }

    static AuthenticationConfig auth(String config) {
        return Configs.load(switch (config) {
            case "required" -> "authentication: {required: true, session: {csrf: {key: k0123456789}}, methods: {token: {enabled: true}}}";
            case "excluded" -> "authentication: {required: true, exclude: {management: true, evaluation: true, ofrep: true}, methods: {token: {enabled: true}}}";
            case "open" -> "authentication: {required: false, methods: {token: {enabled: true}}}";
            default -> throw new IllegalArgumentException(config);
        }).authentication();
    }

    static String outcome(Decision d) {
        if (d instanceof Decision.Pass p) {
            return "pass:" + p.caller().id();
        }
        if (d instanceof Decision.Refuse r) {
            return r.code().name() + (r.clearCookies() ? "+clear" : "");
        }
        return "open";
    }

    /**
     * @param credential {@code -} none, {@code bearer:<t>}, {@code jwt:<t>}, {@code cookie:<t>},
     *                   {@code raw:<header>} (as sent), {@code two:<t>} (two Authorization values)
     * @param browser    {@code -}, {@code cross-site} (Sec-Fetch-Site), {@code csrf-ok} (valid X-CSRF-Token)
     */
    @ParameterizedTest(name = "[{0}] HTTP {1} {2} with {3} {4} → {5}")
    @CsvSource({
            // No credential: refused where a caller is needed, open where the config says so, public everywhere.
            "required, POST, /api/v1/namespaces,                -,               -,          UNAUTHENTICATED",
            "required, GET,  /api/v1/namespaces/default/flags,  -,               -,          UNAUTHENTICATED",
            "required, POST, /evaluate/v1/boolean,              -,               -,          UNAUTHENTICATED",
            "required, GET,  /meta/info,                        -,               -,          UNAUTHENTICATED",
            "required, GET,  /api/v1/_probe,                    -,               -,          UNAUTHENTICATED",
            "required, GET,  /auth/v1/method,                   -,               -,          open",
            "required, GET,  /health/ready,                     -,               -,          open",
            "excluded, POST, /api/v1/namespaces,                -,               -,          open",
            "excluded, POST, /evaluate/v1/boolean,              -,               -,          open",
            "excluded, GET,  /auth/v1/self,                     -,               -,          UNAUTHENTICATED",
            "excluded, GET,  /meta/info,                        -,               -,          UNAUTHENTICATED",
            "open,     POST, /api/v1/namespaces,                -,               -,          open",
            "open,     GET,  /auth/v1/self,                     -,               -,          UNAUTHENTICATED",
            // Bad credentials: never a pass, a rejected cookie is cleared, a header is not.
            "required, POST, /api/v1/namespaces,                bearer:nope,     -,          UNAUTHENTICATED",
            "required, POST, /api/v1/namespaces,                jwt:a.b.c,       -,          UNAUTHENTICATED",
            "required, POST, /api/v1/namespaces,                cookie:nope,     csrf-ok,    UNAUTHENTICATED+clear",
            "required, GET,  /api/v1/namespaces,                cookie:bad cookie, -,        UNAUTHENTICATED+clear",
            "required, GET,  /api/v1/namespaces,                raw:Basic bm9jb2xvbg==, -,   UNAUTHENTICATED",
            "required, GET,  /api/v1/namespaces,                raw:Bearer  admin, -,        UNAUTHENTICATED",
            "required, GET,  /api/v1/namespaces,                raw:bearer admin, -,         UNAUTHENTICATED",
            "required, GET,  /api/v1/namespaces,                two:admin,       -,          UNAUTHENTICATED",
            // A credential that could not be checked: 503, cookie kept.
            "required, GET,  /api/v1/namespaces,                bearer:db-down,  -,          UNAVAILABLE",
            "required, GET,  /api/v1/namespaces,                cookie:db-down,  -,          UNAVAILABLE",
            // Good credentials.
            "required, POST, /api/v1/namespaces,                bearer:admin,    -,          pass:admin-id",
            "required, GET,  /auth/v1/self,                     bearer:admin,    -,          pass:admin-id",
            "excluded, POST, /api/v1/namespaces,                bearer:nope,     -,          open",
            // Namespace scope: its own namespace and evaluation only.
            "required, PUT,  /api/v1/namespaces/team-a/flags/x, bearer:team-a,   -,          pass:team-a-id",
            "required, PUT,  /api/v1/namespaces/default/flags/x, bearer:team-a,  -,          PERMISSION_DENIED",
            "required, POST, /api/v1/namespaces,                bearer:team-a,   -,          PERMISSION_DENIED",
            "required, GET,  /api/v1/namespaces,                bearer:team-a,   -,          PERMISSION_DENIED",
            "required, POST, /evaluate/v1/boolean,              bearer:team-a,   -,          pass:team-a-id",
            "required, GET,  /internal/v1/evaluation/snapshot/namespace/team-a, bearer:team-a, -, pass:team-a-id",
            "required, GET,  /internal/v1/evaluation/snapshot/namespace/other,  bearer:team-a, -, PERMISSION_DENIED",
            "required, GET,  /auth/v1/self,                     bearer:team-a,   -,          PERMISSION_DENIED",
            "required, GET,  /meta/info,                        bearer:team-a,   -,          PERMISSION_DENIED",
            // CSRF: cross-site writes refused on every route; a cookie write needs the token, a Bearer one does not.
            "required, POST, /api/v1/namespaces,                cookie:session,  -,          PERMISSION_DENIED",
            "required, POST, /api/v1/namespaces,                cookie:session,  csrf-ok,    pass:session-id",
            "required, GET,  /api/v1/namespaces,                cookie:session,  -,          pass:session-id",
            "required, POST, /api/v1/namespaces,                cookie:session,  cross-site, PERMISSION_DENIED",
            "required, POST, /api/v1/namespaces,                bearer:admin,    cross-site, PERMISSION_DENIED",
            "required, POST, /auth/v1/method/kubernetes/serviceaccount, -,       cross-site, PERMISSION_DENIED",
            "required, POST, /api/v1/namespaces,                bearer:admin,    -,          pass:admin-id"})
    void httpDecisions(String config, String method, String path, String credential, String browser, String expected) {
        List<String> authorization = new ArrayList<>();
        String cookie = null;
        String[] c = credential.split(":", 2);
        switch (c[0]) {
            case "bearer" -> authorization.add("Bearer " + c[1]);
            case "jwt" -> authorization.add("JWT " + c[1]);
            case "raw" -> authorization.add(c[1]);
            case "two" -> authorization.addAll(List.of("Bearer " + c[1], "Bearer " + c[1]));
            case "cookie" -> cookie = c[1];
            default -> {
            }
        }
        Gate gate = gate(config);
        String csrfToken = browser.equals("csrf-ok") ? new CsrfGuard(auth("required").session()).tokenFor(SESSION.id()) : null;
        String site = browser.equals("cross-site") ? "cross-site" : null;
        Decision d = gate.decide(new GateRequest(Routes.http(method, path), true, method, authorization, cookie, site,
                null, "localhost:8080", csrfToken));
        assertEquals(expected, outcome(d));
    }

    @ParameterizedTest(name = "[{0}] gRPC {1} with {2} → {3}")
    @CsvSource({
            "required, flipt.Flipt/CreateNamespace,                          -,        UNAUTHENTICATED",
            "required, flipt.Flipt/CreateNamespace,                          nope,     UNAUTHENTICATED",
            "required, flipt.Flipt/CreateNamespace,                          db-down,  UNAVAILABLE",
            "required, flipt.Flipt/CreateNamespace,                          admin,    pass:admin-id",
            "required, flipt.Flipt/CreateNamespace,                          team-a,   PERMISSION_DENIED",
            "required, flipt.Flipt/CreateFlag,                               team-a,   pass:team-a-id",
            "required, flipt.evaluation.EvaluationService/Boolean,           -,        UNAUTHENTICATED",
            "required, flipt.auth.AuthenticationService/GetAuthenticationSelf, team-a, PERMISSION_DENIED",
            "required, flipt.auth.PublicAuthenticationService/ListAuthenticationMethods, -, open",
            "excluded, flipt.Flipt/CreateNamespace,                          -,        open",
            "excluded, flipt.auth.AuthenticationService/GetAuthenticationSelf, -,      UNAUTHENTICATED",
            "open,     flipt.evaluation.EvaluationService/Boolean,           -,        open"})
    void grpcDecisions(String config, String rpc, String token, String expected) {
        List<String> authorization = token.equals("-") ? List.of() : List.of("Bearer " + token);
        assertEquals(expected, outcome(gate(config).decide(GateRequest.grpc(Routes.grpc(rpc), authorization))));
    }

    @org.junit.jupiter.api.Test
    void grpcCallsAreNeverJudgedByCsrfRulesBecauseTheyCarryNoCookie() {
        Decision d = gate("required").decide(GateRequest.grpc(Routes.grpc("flipt.Flipt/CreateNamespace"), List.of("Bearer admin")));
        assertEquals("pass:admin-id", outcome(d));
    }

    @org.junit.jupiter.api.Test
    void refusalsNameNoInternals() {
        Decision.Refuse r = (Decision.Refuse) gate("required").decide(GateRequest.grpc(Routes.grpc("flipt.Flipt/CreateNamespace"), List.of("Bearer db-down")));
        assertEquals(Code.UNAVAILABLE, r.code());
        assertEquals(Gate.UNAVAILABLE_MESSAGE, r.message());
    }
}
