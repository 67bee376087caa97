package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code flagpost} CLI end to end: the real CLI jar in a subprocess, the real Flagpost jar, and
 * mock-oauth2-server as the identity provider, all on loopback. Flagpost trusts the IdP through its
 * JWT method and tells the CLI where to log in through {@code authentication.client}; the CLI
 * discovers everything else from Flagpost's public routes.
 */
class CliEndToEndIT {
    static final String ISSUER_ID = "flagpost";
    /** Test fixture: mock-oauth2-server accepts any client secret. */
    static final String CLIENT_SECRET = "test-fixture-client-secret";
    static final String FLAG = "e2e-flag";

    static MockOAuth2Server idp;
    static FlagpostServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0); // 127.0.0.1, never localhost: the mock's issuer follows Host
        String issuer = idp.issuerUrl(ISSUER_ID).toString();
        server = FlagpostServer.shared("cli-e2e", """
                authentication:
                  required: true
                  methods:
                    token: {enabled: true}
                    jwt:
                      enabled: true
                      jwks_url: "${env:IT_JWKS_URL}"
                      validate_claims:
                        issuer: "${env:IT_ISSUER}"
                  client:
                    issuer: "${env:IT_ISSUER}"
                    client_id: flagpost-cli
                    redirect_uri: http://127.0.0.1:0/callback
                    scopes: [openid, offline_access]
                """, Map.of("IT_ISSUER", issuer, "IT_JWKS_URL", idp.jwksUrl(ISSUER_ID).toString()));
        Http.Response flag = new Http(server).post("/api/v1/namespaces/default/flags",
                "{\"key\":\"" + FLAG + "\",\"name\":\"E2E\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}",
                Http.bearer(server.bootstrapToken()));
        assertEquals(200, flag.status(), flag.body());
    }

    @AfterAll
    static void stop() {
        server.stop();
        idp.shutdown();
    }

    CliProcess cli() {
        return new CliProcess(home, server.url(""));
    }

    @Test
    void clientCredentialsLoginThenWhoamiTokenCreateAndEvaluateOverHttpAndGrpc() {
        CliProcess cli = cli().env("FLAGPOST_AUTH_MODE", "client-credentials").env("FLAGPOST_CLIENT_SECRET", CLIENT_SECRET)
                .env("FLAGPOST_CLIENT_ID", "billing-service");
        drainIdpRequests();

        CliProcess.Result login = cli.run("login", "--client-credentials");
        assertEquals(0, login.exit(), login.describe());
        assertTrue(login.out().contains("stored in the file store"), login.describe());
        assertTrue(Files.isDirectory(cli.configDir().resolve("tokens")), "tokens are in the file store under the config dir");

        CliProcess.Result whoami = cli.run("whoami");
        assertEquals(0, whoami.exit(), whoami.describe());
        assertTrue(whoami.out().contains("METHOD_JWT") && whoami.out().contains("jwt:billing-service"), whoami.describe());

        CliProcess.Result created = cli.run("token", "create", "--name", "e2e", "--description", "made by the CLI");
        assertEquals(0, created.exit(), created.describe());
        String clientToken = created.out().trim();
        assertFalse(clientToken.isEmpty() || clientToken.contains(" "), created.describe());
        CliProcess.Result asToken = cli().env("FLAGPOST_TOKEN", clientToken).run("whoami");
        assertEquals(0, asToken.exit(), asToken.describe());
        assertTrue(asToken.out().contains("METHOD_TOKEN") && asToken.out().contains("made by the CLI"), asToken.describe());

        String[] evaluate = {"evaluate", "--type", "boolean", "--flag", FLAG, "--entity", "user-42"};
        CliProcess.Result http = cli.run(evaluate);
        assertEquals(0, http.exit(), http.describe());
        assertTrue(http.out().contains("\"enabled\":true") && http.out().contains(FLAG), http.describe());

        CliProcess.Result grpcOnHttpPort = cli.run(concat(evaluate, "--grpc"));
        assertEquals(0, grpcOnHttpPort.exit(), grpcOnHttpPort.describe());
        assertTrue(grpcOnHttpPort.out().contains("\"enabled\":true"), grpcOnHttpPort.describe());
        CliProcess.Result grpcPort = cli.run(concat(evaluate, "--grpc", "--grpc-target", "127.0.0.1:" + server.grpcPort()));
        assertEquals(0, grpcPort.exit(), grpcPort.describe());
        assertTrue(grpcPort.out().contains("\"enabled\":true"), grpcPort.describe());

        // One grant for the whole session: every later run reused the stored token.
        List<String> grants = tokenGrants();
        assertEquals(List.of("client_credentials"), grants);
    }

    @Test
    void pkceLoginWhereTheTestPlaysTheBrowser() throws Exception {
        CliProcess cli = cli();
        pkceLogin(cli, 3600);

        CliProcess.Result whoami = cli.run("whoami");
        assertEquals(0, whoami.exit(), whoami.describe());
        assertTrue(whoami.out().contains("jwt:alice"), whoami.describe());
        assertEquals(List.of(), tokenGrants(), "a fresh token is reused, not renewed");
    }

    @Test
    void cliRefreshesOnceAfterTheTokenExpires() throws Exception {
        CliProcess cli = cli();
        // The IdP issues 3-second tokens, and refreshed tokens live as long: each CLI run after the
        // first finds an expired token.
        long expiresAt = pkceLogin(cli, 3);

        awaitPast(expiresAt);
        CliProcess.Result whoami = cli.run("whoami");
        assertEquals(0, whoami.exit(), whoami.describe());
        assertTrue(whoami.out().contains("jwt:alice"), whoami.describe());
        assertEquals(List.of("refresh_token"), tokenGrants(), "exactly one refresh, with the refresh token, no new login");

        awaitPast(System.currentTimeMillis() + 3_500);
        CliProcess.Result grpc = cli.run("evaluate", "--grpc", "--type", "boolean", "--flag", FLAG, "--entity", "user-7");
        assertEquals(0, grpc.exit(), grpc.describe());
        assertTrue(grpc.out().contains("\"enabled\":true"), grpc.describe());
        assertEquals(List.of("refresh_token"), tokenGrants(), "the gRPC path refreshes exactly once too");
    }

    @Test
    void aTokenTheServerRefusesIsRefreshedOnceAndTheCallRetried() throws Exception {
        // The IdP's token response says the token lives an hour, but the JWT inside is not valid for
        // another ten minutes (nbf): the CLI holds it valid, Flagpost answers 401 / UNAUTHENTICATED,
        // and the CLI must refresh once and retry the call.
        CliProcess cli = cli();
        pkceLogin(cli, 3600, Map.of("nbf", java.time.Instant.now().plusSeconds(600).getEpochSecond()));
        enqueueValidRefresh();
        CliProcess.Result whoami = cli.run("whoami");
        assertEquals(0, whoami.exit(), whoami.describe());
        assertTrue(whoami.out().contains("jwt:alice"), whoami.describe());
        assertEquals(List.of("refresh_token"), tokenGrants(), "one refresh after the server's 401, then the retried call succeeded");

        CliProcess grpcCli = cli();
        pkceLogin(grpcCli, 3600, Map.of("nbf", java.time.Instant.now().plusSeconds(600).getEpochSecond()));
        enqueueValidRefresh();
        CliProcess.Result grpc = grpcCli.run("evaluate", "--grpc", "--type", "boolean", "--flag", FLAG, "--entity", "user-9");
        assertEquals(0, grpc.exit(), grpc.describe());
        assertTrue(grpc.out().contains("\"enabled\":true"), grpc.describe());
        assertEquals(List.of("refresh_token"), tokenGrants(), "UNAUTHENTICATED over gRPC: one refresh, one retry");
    }

    /** The next refresh returns a token the server accepts (the mock would otherwise repeat the login's claims). */
    static void enqueueValidRefresh() {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of("flagpost"), Map.of(), 3600));
    }

    long pkceLogin(CliProcess cli, long tokenSeconds) throws Exception {
        return pkceLogin(cli, tokenSeconds, Map.of());
    }

    /**
     * {@code flagpost login --pkce}, with this test as the browser: it reads the authorize URL the
     * CLI prints, fetches it from the IdP (which approves at once) and follows the redirect to the
     * CLI's loopback receiver. Returns when the token expires (epoch millis).
     */
    long pkceLogin(CliProcess cli, long tokenSeconds, Map<String, Object> claims) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of("flagpost"), claims, tokenSeconds));
        drainIdpRequests();
        long before = System.currentTimeMillis();
        CliProcess.Running login = cli.startReading("login", "--pkce");
        // The URL as printed, followed as a browser would (the mock names itself "localhost" there).
        URI authorize = URI.create(login.awaitErrLine("http"));
        assertEquals(idp.baseUrl().port(), authorize.getPort(), authorize.toString());
        assertEquals("/" + ISSUER_ID + "/authorize", authorize.getPath());
        assertTrue(authorize.getQuery().contains("code_challenge_method=S256"), authorize.toString());

        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> approved = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("the IdP did not redirect: " + approved.statusCode() + " " + approved.body())));
        assertEquals("127.0.0.1", callback.getHost());
        HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landed.statusCode(), landed.body());

        CliProcess.Result done = login.await();
        assertEquals(0, done.exit(), done.describe());
        assertTrue(done.out().contains("(pkce; stored in the file store"), done.describe());
        assertEquals(List.of("authorization_code"), tokenGrants());
        return before + tokenSeconds * 1000;
    }

    /** The grant types of the token requests the IdP received since the last call (Flagpost's own JWKS and metadata fetches are skipped). */
    static List<String> tokenGrants() {
        List<String> grants = new ArrayList<>();
        for (RecordedRequest r : drainIdpRequests()) {
            if (r.getPath() != null && r.getPath().startsWith("/" + ISSUER_ID + "/token")) {
                String body = r.getBody().clone().readUtf8();
                grants.add(java.util.Arrays.stream(body.split("&")).filter(p -> p.startsWith("grant_type="))
                        .map(p -> p.substring("grant_type=".length())).findFirst().orElse("?"));
            }
        }
        return grants;
    }

    static List<RecordedRequest> drainIdpRequests() {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            try {
                RecordedRequest r = idp.takeRequest(300, TimeUnit.MILLISECONDS);
                if (r == null) {
                    return requests;
                }
                requests.add(r);
            } catch (RuntimeException e) {
                return requests; // the mock throws when nothing arrived within the timeout
            }
        }
    }

    static void awaitPast(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis() + 500;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
