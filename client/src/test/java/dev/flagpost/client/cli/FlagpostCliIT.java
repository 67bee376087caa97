package dev.flagpost.client.cli;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.testing.BrowserBot;
import dev.flagpost.client.testing.MockIdp;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI against a stub Flagpost (JDK HttpServer) that proxies mock-oauth2-server's metadata and
 * accepts either the static test token or a JWT issued by the mock.
 */
class FlagpostCliIT {
    static final String STATIC_TOKEN = "test-fixture-client-token";

    @TempDir
    Path configDir;
    MockIdp idp;
    StubServer flagpost;
    final Map<String, String> env = new HashMap<>();
    final BrowserBot browser = new BrowserBot();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream promptErr = new ByteArrayOutputStream();
    boolean interactive;
    final List<java.time.Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        idp = new MockIdp();
        flagpost = new StubServer()
                .on("/.well-known/oauth-authorization-server", r -> Reply.json(200, HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(idp.metadataUrl()).build(), HttpResponse.BodyHandlers.ofString()).body()))
                .on("/auth/v1/client-config", r -> Reply.json(200, "{\"clientId\":\"flagpost-cli\","
                        + "\"redirectUri\":\"http://127.0.0.1:0/callback\",\"scopes\":[\"openid\"],\"audience\":\"\","
                        + "\"authorizationMetadataKey\":\"authorization\",\"issuer\":\"\"}"))
                .on("/auth/v1/self", r -> authenticated(r) ? Reply.json(200,
                        "{\"id\":\"0b1d2c3e-0000-4000-8000-000000000001\",\"method\":\"METHOD_TOKEN\",\"metadata\":{}}")
                        : unauthenticated());
        env.put("FLAGPOST_URL", flagpost.url());
        env.put("FLAGPOST_NO_KEYRING", "1");
    }

    @AfterEach
    void stop() {
        flagpost.close();
        idp.close();
    }

    /** Flagpost's rule (FLIPT-AUTH.md): "Bearer" carries a client token, "JWT" an IdP JWT. */
    boolean authenticated(StubServer.Recorded r) {
        String h = r.header("Authorization");
        if (h == null) {
            return false;
        }
        if (h.startsWith("Bearer ")) {
            return h.substring(7).equals(STATIC_TOKEN);
        }
        if (!h.startsWith("JWT ")) {
            return false;
        }
        try {
            return idp.issuer().toString().equals(JWTParser.parse(h.substring(4)).getJWTClaimsSet().getIssuer());
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    static Reply unauthenticated() {
        return Reply.json(401, "{\"code\":16,\"message\":\"request was not authenticated\",\"details\":[]}");
    }

    int run(String... args) {
        CliEnvironment environment = new CliEnvironment(env, configDir,
                new PrintStream(promptErr, true, StandardCharsets.UTF_8), browser, sleeps::add, interactive);
        CommandLine cl = FlagpostCli.commandLine(environment);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void whoamiWithAStaticTokenShowsTheServersView() {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        assertEquals(0, run("whoami"), err.toString());
        assertTrue(out.toString().contains("METHOD_TOKEN"));
        assertEquals("Bearer " + STATIC_TOKEN, flagpost.requestsTo("/auth/v1/self").get(0).header("Authorization"));
    }

    /** Open Liberty answers an h2c upgrade with an empty body, so plain-http calls must be HTTP/1.1 without Upgrade. */
    @Test
    void neitherDiscoveryNorApiCallsAskForAnH2cUpgrade() {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        assertEquals(0, run("whoami"), err.toString());
        new dev.flagpost.client.config.RemoteClientConfigStore(dev.flagpost.client.config.ServerEndpoint.of(flagpost.url())).get();

        for (String path : List.of("/auth/v1/self", "/auth/v1/client-config", "/.well-known/oauth-authorization-server")) {
            StubServer.Recorded r = flagpost.requestsTo(path).get(0);
            assertEquals(null, r.header("Upgrade"), path);
        }
    }

    @Test
    void whoamiWhenNotLoggedInFailsWithALoginHint() {
        assertEquals(FlagpostCli.EXIT_AUTH, run("whoami"));
        assertTrue(err.toString().contains("flagpost login"), err.toString());
        assertTrue(browser.authorizationUrls.isEmpty(), "no browser without a terminal");
    }

    @Test
    void pkceLoginStoresTokensInA0600FileAndLaterCommandsUseThem() throws Exception {
        assertEquals(0, run("login", "--pkce"), err.toString());
        assertTrue(out.toString().contains("Logged in to"), out.toString());
        assertTrue(out.toString().contains("file store"));

        Path file;
        try (Stream<Path> files = Files.list(configDir.resolve("tokens"))) {
            file = files.findFirst().orElseThrow();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String accessToken = (String) JSONObjectUtils.parse(Files.readString(file)).get("accessToken");
        assertFalse(out.toString().contains(accessToken) || err.toString().contains(accessToken), "tokens are never printed");

        assertEquals(0, run("whoami"), err.toString());
        assertEquals("JWT " + accessToken, flagpost.requestsTo("/auth/v1/self").get(0).header("Authorization"));
        assertEquals(1, browser.authorizationUrls.size());

        assertEquals(0, run("logout"));
        assertFalse(Files.exists(file));
        assertEquals(FlagpostCli.EXIT_AUTH, run("whoami"));
    }

    @Test
    void deviceLoginShowsTheUserCodeAndStoresTheTokens() throws Exception {
        // Flagpost proxies metadata that names a test-only RFC 8628 endpoint fronting the mock.
        try (StubServer deviceIdp = new StubServer()) {
            java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
            deviceIdp.on("/device", r -> Reply.json(200, "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                    + "\"verification_uri\":\"https://idp.example/device\",\"expires_in\":600,\"interval\":1}"));
            deviceIdp.on("/token", r -> polls.incrementAndGet() == 1
                    ? Reply.json(400, "{\"error\":\"authorization_pending\"}")
                    : Reply.json(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(idp.tokenEndpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=flagpost-cli&client_secret=x"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()));
            flagpost.on("/.well-known/oauth-authorization-server", r -> {
                JSONObject md = JSONObjectUtils.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(idp.metadataUrl()).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                md.put("device_authorization_endpoint", deviceIdp.url() + "/device");
                md.put("token_endpoint", deviceIdp.url() + "/token");
                return Reply.json(200, md.toJSONString());
            });

            assertEquals(0, run("login", "--device"), err.toString());

            assertTrue(promptErr.toString(StandardCharsets.UTF_8).contains("ABCD-EFGH"), promptErr.toString(StandardCharsets.UTF_8));
            assertEquals(List.of(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)), sleeps);
            assertEquals(0, run("whoami"), err.toString());
        }
    }

    @Test
    void clientCredentialsLoginTakesTheSecretFromTheEnvironment() throws Exception {
        env.put("FLAGPOST_CLIENT_SECRET", "test-fixture-secret");
        env.put("FLAGPOST_AUTH_MODE", "client-credentials");
        assertEquals(0, run("login", "--client-credentials", "--client-id", "billing"), err.toString());
        assertEquals(0, run("whoami"), err.toString());
        String sent = flagpost.requestsTo("/auth/v1/self").get(0).header("Authorization").substring("JWT ".length());
        assertEquals("billing", JWTParser.parse(sent).getJWTClaimsSet().getSubject());
    }

    @Test
    void tokenSchemeFromTheConfigFileOverridesTheJwtDefault() throws Exception {
        Files.writeString(configDir.resolve("config.json"), "{\"tokenScheme\":\"Bearer\"}");
        env.put("FLAGPOST_CLIENT_SECRET", "test-fixture-secret");
        assertEquals(0, run("login", "--client-credentials", "--client-id", "billing"), err.toString());
        assertEquals(FlagpostCli.EXIT_AUTH, run("whoami"), "an IdP token as Bearer is not a Flagpost client token");
        assertTrue(flagpost.requestsTo("/auth/v1/self").get(0).header("Authorization").startsWith("Bearer ey"));
    }

    @Test
    void tokenCreateSendsTheRequestAndPrintsOnlyTheToken() throws Exception {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        flagpost.on("/auth/v1/method/token", r -> Reply.json(200, "{\"clientToken\":\"new-client-token\","
                + "\"authentication\":{\"id\":\"id-1\",\"method\":\"METHOD_TOKEN\"}}"));

        assertEquals(0, run("token", "create", "--name", "ci", "--description", "for CI", "--namespace", "prod",
                "--expires-at", "2027-01-01T00:00:00Z", "--metadata", "team=payments"), err.toString());

        assertEquals("new-client-token", out.toString().trim());
        JSONObject body = JSONObjectUtils.parse(flagpost.requestsTo("/auth/v1/method/token").get(0).body());
        assertEquals("ci", body.get("name"));
        assertEquals("for CI", body.get("description"));
        assertEquals("prod", body.get("namespaceKey"));
        assertEquals("2027-01-01T00:00:00Z", body.get("expiresAt"));
        assertEquals(Map.of("team", "payments"), body.get("metadata"));
        assertTrue(err.toString().contains("id-1"));
    }

    @Test
    void tokenListFollowsEveryPage() {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        flagpost.on("/auth/v1/tokens", r -> r.uri().getQuery().contains("pageToken=2")
                ? Reply.json(200, "{\"authentications\":[{\"id\":\"id-3\",\"metadata\":{\"io.flipt.auth.token.name\":\"c\"}}],\"nextPageToken\":\"\"}")
                : Reply.json(200, "{\"authentications\":[{\"id\":\"id-1\",\"metadata\":{\"io.flipt.auth.token.name\":\"a\"}},"
                + "{\"id\":\"id-2\",\"metadata\":{}}],\"nextPageToken\":\"2\"}"));

        assertEquals(0, run("token", "list", "--limit", "2"), err.toString());

        List<StubServer.Recorded> calls = flagpost.requestsTo("/auth/v1/tokens");
        assertEquals(2, calls.size());
        assertTrue(calls.get(0).uri().getQuery().contains("method=METHOD_TOKEN&limit=2"));
        assertTrue(out.toString().contains("id-1") && out.toString().contains("id-2") && out.toString().contains("id-3"));
    }

    @Test
    void tokenRevokeDeletesById() {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        flagpost.on("/auth/v1/tokens/id-9", r -> Reply.json(200, "{}"));
        assertEquals(0, run("token", "revoke", "id-9"), err.toString());
        assertEquals("DELETE", flagpost.requestsTo("/auth/v1/tokens/id-9").get(0).method());
    }

    @Test
    void evaluateBooleanPostsTheFliptEvaluationRequest() throws Exception {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        flagpost.on("/evaluate/v1/boolean", r -> Reply.json(200, "{\"enabled\":true,\"flagKey\":\"new-ui\"}"));

        assertEquals(0, run("evaluate", "--type", "boolean", "--flag", "new-ui", "--entity", "user-1",
                "--context", "plan=pro"), err.toString());

        JSONObject body = JSONObjectUtils.parse(flagpost.requestsTo("/evaluate/v1/boolean").get(0).body());
        assertEquals("default", body.get("namespaceKey"));
        assertEquals("new-ui", body.get("flagKey"));
        assertEquals("user-1", body.get("entityId"));
        assertEquals(Map.of("plan", "pro"), body.get("context"));
        assertTrue(out.toString().contains("\"enabled\":true"));
    }

    @Test
    void forbiddenShowsTheServersMessageAndWhatToDo() {
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        flagpost.on("/auth/v1/tokens", r -> Reply.json(403, "{\"code\":7,\"message\":\"permission denied\",\"details\":[]}"));
        assertEquals(1, run("token", "list"));
        assertTrue(err.toString().contains("permission denied") && err.toString().contains("admin"), err.toString());
    }

    @Test
    void rejectedStaticTokenSaysToCreateANewOne() {
        env.put("FLAGPOST_TOKEN", "revoked-token");
        assertEquals(FlagpostCli.EXIT_AUTH, run("whoami"));
        assertTrue(err.toString().contains("flagpost token create"), err.toString());
    }

    @Test
    void serverComesFromFlagThenEnvThenConfigFile() throws Exception {
        env.remove("FLAGPOST_URL");
        env.put("FLAGPOST_TOKEN", STATIC_TOKEN);
        Files.writeString(configDir.resolve("config.json"), "{\"server\":\"" + flagpost.url() + "\"}");
        assertEquals(0, run("whoami"), err.toString());

        env.put("FLAGPOST_URL", "http://127.0.0.1:1");
        assertEquals(0, run("whoami", "--server", flagpost.url()), err.toString());
        assertEquals(2, flagpost.requestsTo("/auth/v1/self").size());
    }

    @Test
    void missingServerIsAUsageError() {
        env.remove("FLAGPOST_URL");
        assertEquals(2, run("whoami"));
        assertTrue(err.toString().contains("--server"), err.toString());
    }
}
