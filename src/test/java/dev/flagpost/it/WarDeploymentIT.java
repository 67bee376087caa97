package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Empty;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The plain {@code target/flagpost.war} on a stock Open Liberty server configured only as
 * docs/deploy-war.md says: the server.xml is the doc's own (read from the doc, ports changed to free
 * ones), the config comes from the places the doc names (FLAGPOST_CONFIG in server.env, a server.xml
 * variable, bootstrap.properties). Nothing of Flagpost's packaged server is used (see {@link StockLiberty}).
 */
class WarDeploymentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "war-it-bootstrap-7f3c9e2a";

    /** The first {@code ```xml} block of docs/deploy-war.md that declares features: the server.xml users copy. */
    static String docServerXml(int httpPort, int grpcPort) throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("flagpost.docs", "docs")).resolve("deploy-war.md"));
        Matcher m = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            String xml = m.group(1);
            if (xml.contains("<featureManager>")) {
                return replaceOnce(replaceOnce(xml, "httpPort=\"8080\"", "httpPort=\"" + httpPort + "\""),
                        "<variable name=\"flagpost.grpc.port\" value=\"9000\"/>", "<variable name=\"flagpost.grpc.port\" value=\"" + grpcPort + "\"/>");
            }
        }
        throw new AssertionError("docs/deploy-war.md has no server.xml block");
    }

    private static String replaceOnce(String text, String what, String with) {
        assertTrue(text.contains(what), "the doc's server.xml no longer has " + what + ":\n" + text);
        return text.replace(what, with);
    }

    /** Adds elements to the doc's server.xml (before {@code </server>}). */
    private static String with(String serverXml, String elements) {
        return replaceOnce(serverXml, "</server>", elements + "\n</server>");
    }

    private static HttpResponse<String> send(StockLiberty server, String method, String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return FlagpostServer.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private static Path war() {
        Path war = Path.of(System.getProperty("flagpost.war", "target/flagpost.war"));
        assertTrue(Files.isRegularFile(war), "no " + war + " (mvn package builds it)");
        return war;
    }

    /** Token authentication on, the bootstrap token given in config: the API is guarded, and works with the token. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ConfiguredAsTheDocSays {
        private StockLiberty server;
        private int grpcPort;
        private Path dataDir;

        @BeforeAll
        void start() throws Exception {
            int httpPort = StockLiberty.freePort();
            grpcPort = StockLiberty.freePort();
            server = StockLiberty.create("flagpost-war", httpPort);
            // The doc's three places: a Flipt config.yaml named by FLAGPOST_CONFIG (server.env), a server.xml
            // variable reading the environment, bootstrap.properties. The file's bootstrap token loses to the variable.
            Path config = server.write("config/flagpost.yaml", """
                    authentication:
                      required: true
                      methods:
                        token:
                          enabled: true
                          bootstrap:
                            token: the-file-loses-to-the-server-xml-variable
                    """);
            server.write("server.env", "FLAGPOST_CONFIG=" + config + "\nFLAGPOST_BOOTSTRAP=" + TOKEN + "\n");
            server.write("server.xml", with(docServerXml(httpPort, grpcPort),
                    "  <variable name=\"authentication.methods.token.bootstrap.token\" value=\"${FLAGPOST_BOOTSTRAP}\"/>"));
            dataDir = server.serverDir().resolve("flagpost-data");
            server.write("bootstrap.properties", "flagpost.data.dir=" + dataDir + "\n");
            server.deploy(war());
            String outcome = server.startAndAwaitFlagpost();
            assertTrue(outcome.startsWith("CWWKZ0001I"), "Flagpost did not start: " + outcome + "\n" + server.messages());
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
        }

        @Test
        void anUnauthenticatedWriteIsRefusedAndChangesNothing() {
            assertEquals(401, send(server, "POST", "/api/v1/namespaces", "{\"key\":\"war-refused\",\"name\":\"refused\"}", null).statusCode());
            assertEquals(401, send(server, "POST", "/api/v1/namespaces/default/flags",
                    "{\"key\":\"war-refused-flag\",\"name\":\"refused\",\"type\":\"BOOLEAN_FLAG_TYPE\"}", null).statusCode());
            assertEquals(401, send(server, "PUT", "/api/v1/namespaces/default", "{\"name\":\"renamed\"}", "not-a-token").statusCode());
            assertEquals(404, send(server, "GET", "/api/v1/namespaces/war-refused", null, TOKEN).statusCode());
            assertEquals(404, send(server, "GET", "/api/v1/namespaces/default/flags/war-refused-flag", null, TOKEN).statusCode());
            assertEquals("Default", json(send(server, "GET", "/api/v1/namespaces/default", null, TOKEN)).get("name").asText());
        }

        @Test
        void theBootstrapTokenFromTheServerXmlVariableCreatesAndReadsFlags() {
            var created = send(server, "POST", "/api/v1/namespaces", "{\"key\":\"war-team\",\"name\":\"War team\"}", TOKEN);
            assertEquals(200, created.statusCode(), created.body());
            var flag = send(server, "POST", "/api/v1/namespaces/war-team/flags",
                    "{\"key\":\"dark-mode\",\"name\":\"Dark mode\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", TOKEN);
            assertEquals(200, flag.statusCode(), flag.body());
            JsonNode read = json(send(server, "GET", "/api/v1/namespaces/war-team/flags/dark-mode", null, TOKEN));
            assertEquals("Dark mode", read.get("name").asText());
            assertTrue(read.get("enabled").asBoolean());
            assertEquals(401, send(server, "GET", "/api/v1/namespaces", null, "the-file-loses-to-the-server-xml-variable").statusCode(),
                    "a server.xml variable (ordinal 500) wins over the config file");
        }

        @Test
        void theMethodListingShowsTokenAuthentication() {
            var r = send(server, "GET", "/auth/v1/method", null, null);
            assertEquals(200, r.statusCode(), r.body());
            boolean token = false;
            for (JsonNode m : json(r).get("methods")) {
                token |= m.get("method").asText().equals("METHOD_TOKEN") && m.get("enabled").asBoolean();
            }
            assertTrue(token, r.body());
        }

        @Test
        void healthAnswersAndTheEmbeddedDatabaseIsWhereBootstrapPropertiesSay() {
            var ready = send(server, "GET", "/health/ready", null, null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", json(ready).get("status").asText());
            assertEquals(200, send(server, "GET", "/health/live", null, null).statusCode());
            assertTrue(Files.exists(dataDir.resolve("flagpost.mv.db")), "no H2 database in " + dataDir);
        }

        @Test
        void grpcAnswersOnTheChosenPortAndOnTheHttpPortBehindTheGate() throws InterruptedException {
            assertTrue(server.messages().contains("gRPC listening on localhost/127.0.0.1:" + grpcPort), server.messages());
            // Own channels, closed at the end: an open HTTP/2 connection would hold Liberty's stop for its 30 s quiesce.
            ManagedChannel ownPort = Grpc.newChannelBuilderForAddress("127.0.0.1", grpcPort, InsecureChannelCredentials.create()).build();
            ManagedChannel httpPort = Grpc.newChannelBuilderForAddress("127.0.0.1", server.httpPort(), InsecureChannelCredentials.create()).build();
            try {
                var methods = GrpcClients.with(PublicAuthenticationServiceGrpc.newBlockingStub(ownPort), null)
                        .listAuthenticationMethods(Empty.getDefaultInstance());
                assertTrue(methods.getMethodsList().stream().anyMatch(m -> m.getMethod() == dev.flagpost.grpc.auth.v1.Method.METHOD_TOKEN
                        && m.getEnabled()), methods.toString());
                var self = GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(httpPort), "Bearer " + TOKEN)
                        .getAuthenticationSelf(Empty.getDefaultInstance());
                assertFalse(self.getId().isEmpty());
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                        GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(ownPort), null).getAuthenticationSelf(Empty.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            } finally {
                ownPort.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
                httpPort.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** A broken config on a shared server: Flagpost alone fails to start, saying why; the server and its other application stay up. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithABrokenConfigOnASharedServer {
        private StockLiberty server;
        private String outcome;

        @BeforeAll
        void start() throws Exception {
            int httpPort = StockLiberty.freePort();
            server = StockLiberty.create("flagpost-war-broken", httpPort);
            Path config = server.write("config/flagpost.yaml", "authentication: {requird: true, methods: {token: {enabled: true}}}\n");
            server.write("server.env", "FLAGPOST_CONFIG=" + config + "\n");
            server.write("server.xml", with(docServerXml(httpPort, StockLiberty.freePort()),
                    "  <webApplication id=\"other\" location=\"other.war\" contextRoot=\"/other\"/>"));
            server.deploy(war());
            server.deploy(otherApplication(server.serverDir().resolve("other.war")));
            outcome = server.startAndAwaitFlagpost();
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
        }

        /** Another application on the same server: one static file. */
        private static Path otherApplication(Path war) throws IOException {
            try (OutputStream out = Files.newOutputStream(war); JarOutputStream jar = new JarOutputStream(out)) {
                jar.putNextEntry(new ZipEntry("hello.txt"));
                jar.write("hello from another application\n".getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            return war;
        }

        @Test
        void flagpostFailsToStartWithTheMessageNamingTheKeyInTheServersLogs() {
            assertTrue(outcome.startsWith("CWWKZ0002E"), "expected the application to fail: " + outcome + "\n" + server.messages());
            String problem = "field \"authentication.requird\": unknown key (fix: did you mean `authentication.required`?)";
            for (String log : new String[] {server.messages(), server.console()}) {
                assertTrue(log.contains("Flagpost cannot start: invalid configuration"), log);
                assertEquals(1, count(log, problem), "the problem is printed once:\n" + log);
            }
        }

        @Test
        void theServerProcessAndItsOtherApplicationKeepRunning() throws Exception {
            var process = server.process();
            assertTrue(process.isPresent() && process.get().isAlive(), "the server process exited:\n" + server.console());
            assertEquals(0, server.status(), "`server status` says the server is not running");
            var other = send(server, "GET", "/other/hello.txt", null, null);
            assertEquals(200, other.statusCode());
            assertEquals("hello from another application\n", other.body());
            assertEquals(404, send(server, "GET", "/api/v1/namespaces", null, null).statusCode(), "Flagpost must not serve anything");
            var ready = send(server, "GET", "/health/ready", null, null);
            assertEquals(503, ready.statusCode(), ready.body());
        }

        private static int count(String text, String what) {
            int n = 0;
            for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
