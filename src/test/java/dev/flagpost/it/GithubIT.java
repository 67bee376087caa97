package dev.flagpost.it;

import static dev.flagpost.it.Browser.json;
import static dev.flagpost.it.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GitHub login against {@link GithubStub} (GitHub's real response shapes on loopback, laid out as
 * GitHub Enterprise), with the test playing the browser: organisations, teams, pagination, emails,
 * API failures.
 */
class GithubIT {
    static GithubStub github;
    static FlagpostServer server;

    @BeforeAll
    static void start() throws Exception {
        github = new GithubStub(List.of(
                new GithubStub.Account(583231, "octocat", "The Octocat", null, List.of("unverified-old@example.test", "octocat@github.test"),
                        List.of("other-org", "Flipt-IO"), Map.of("other-org", List.of("x"), "Flipt-IO", List.of("marketing", "devs")), 200, 200),
                new GithubStub.Account(2, "outsider", "Out Sider", "out@example.test", List.of(), List.of("other-org"), Map.of(), 200, 200),
                new GithubStub.Account(3, "marketer", "Mark Eter", "mark@example.test", List.of(), List.of("flipt-io"),
                        Map.of("flipt-io", List.of("marketing")), 200, 200),
                new GithubStub.Account(4, "limited", "Rate Limited", "rl@example.test", List.of(), List.of("flipt-io"), Map.of(), 200, 403),
                new GithubStub.Account(5, "broken", "Broken", "b@example.test", List.of(), List.of(), Map.of(), 500, 200)));
        server = FlagpostServer.shared("github", """
                authentication:
                  required: true
                  session: {domain: localhost}
                  methods:
                    token: {enabled: true}
                    github:
                      enabled: true
                      client_id: Iv1.flagpost-test
                      client_secret: "${env:IT_GITHUB_SECRET}"
                      redirect_address: "http://127.0.0.1:${env:FLAGPOST_HTTP_PORT}"
                      server_url: "${env:IT_GITHUB}"
                      api_url: "${env:IT_GITHUB}/api/v3"
                      scopes: [user:email, read:org]
                      use_pkce: true
                      allowed_organizations: [flipt-io]
                      allowed_teams:
                        flipt-io: [devs]
                """, Map.of("IT_GITHUB", github.url(), "IT_GITHUB_SECRET", GithubStub.CLIENT_SECRET));
    }

    @AfterAll
    static void stop() {
        server.stop();
        github.stop();
    }

    @Test
    void aMemberOfAnAllowedTeamLogsInWithTheirPrimaryVerifiedEmail() {
        Browser browser = new Browser();
        Browser.Page done = login(browser, "octocat");
        assertEquals(302, done.status(), done.body());
        assertEquals("/", done.location());
        assertEquals("S256 ok", github.lastVerifierCheck);
        String cookie = done.setCookies().stream().filter(c -> c.startsWith("flipt_client_token=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);

        Browser.Page self = browser.get(uri("/auth/v1/self"));
        assertEquals(200, self.status(), self.body());
        JsonNode me = json(self.body());
        assertEquals("METHOD_GITHUB", me.get("method").asText());
        JsonNode m = me.get("metadata");
        assertEquals("octocat@github.test", m.get("io.flipt.auth.github.email").asText(), "the primary verified address from /user/emails");
        assertEquals("The Octocat", m.get("io.flipt.auth.github.name").asText());
        assertEquals("octocat", m.get("io.flipt.auth.github.preferred_username").asText());
        assertEquals("583231", m.get("io.flipt.auth.github.sub").asText());
        assertTrue(m.get("io.flipt.auth.github.picture").asText().endsWith("octocat_happy.gif"));
        assertEquals("[\"other-org\",\"Flipt-IO\"]", m.get("io.flipt.auth.github.organizations").asText(), "both pages of /user/orgs");
        JsonNode teams = json(m.get("io.flipt.auth.github.teams").asText());
        assertEquals("[\"marketing\",\"devs\"]", teams.get("Flipt-IO").toString(), "every page of /user/teams");
    }

    @Test
    void aUserOutsideTheAllowedOrganizationsGetsNoSession() {
        assertRefused(login(new Browser(), "outsider"), 401, "not a member of an allowed organization");
    }

    @Test
    void aMemberOfTheOrganizationButNoAllowedTeamGetsNoSession() {
        assertRefused(login(new Browser(), "marketer"), 401, "not a member of an allowed organization or team");
    }

    @Test
    void aRateLimitedApiIs502WithTheReason() {
        assertRefused(login(new Browser(), "limited"), 502, "rate limit");
    }

    @Test
    void aFailingApiIs502() {
        assertRefused(login(new Browser(), "broken"), 502, "/user answered 500");
    }

    @Test
    void aCodeGithubDoesNotKnowIs401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser);
        Browser.Page atGithub = browser.get(URI.create(authorizeUrl + "&login=octocat"));
        String tampered = atGithub.location().replaceFirst("code=[^&]+", "code=0000000000");
        assertRefused(browser.get(URI.create(tampered)), 401, "bad_verification_code");
    }

    @Test
    void aCallbackWithoutTheStateCookieIs401AndNeverReachesGithub() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser);
        Browser.Page atGithub = browser.get(URI.create(authorizeUrl + "&login=octocat"));
        browser.forget(uri("/"), "flipt_client_state");
        int before = github.tokenRequests.get();
        assertRefused(browser.get(URI.create(atGithub.location())), 401, "state");
        assertEquals(before, github.tokenRequests.get(), "no code exchange without a valid state");
    }

    @Test
    void theMethodIsListedWithItsRoutes() {
        Http.Response r = new Http(server).get("/auth/v1/method");
        for (JsonNode m : r.json().get("methods")) {
            if (m.get("method").asText().equals("METHOD_GITHUB")) {
                assertTrue(m.get("enabled").asBoolean() && m.get("sessionCompatible").asBoolean());
                assertEquals("/auth/v1/method/github/authorize", m.get("metadata").get("authorize_url").asText());
                assertEquals("/auth/v1/method/github/callback", m.get("metadata").get("callback_url").asText());
                var overGrpc = dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort()))
                        .listAuthenticationMethods(com.google.protobuf.Empty.getDefaultInstance()).getMethodsList().stream()
                        .filter(g -> g.getMethod() == dev.flagpost.grpc.auth.v1.Method.METHOD_GITHUB).findFirst().orElseThrow();
                assertEquals("/auth/v1/method/github/authorize", overGrpc.getMetadata().getFieldsOrThrow("authorize_url").getStringValue());
                return;
            }
        }
        throw new AssertionError("METHOD_GITHUB not listed: " + r.body());
    }

    private static Browser.Page login(Browser browser, String account) {
        String authorizeUrl = authorizeUrl(browser);
        Map<String, String> q = query(URI.create(authorizeUrl));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("user:email read:org", q.get("scope"));
        assertTrue(authorizeUrl.startsWith(github.url() + "/login/oauth/authorize?"), authorizeUrl);
        Browser.Page atGithub = browser.get(URI.create(authorizeUrl + "&login=" + account));
        assertEquals(302, atGithub.status(), atGithub.body());
        return browser.get(URI.create(atGithub.location()));
    }

    private static String authorizeUrl(Browser browser) {
        Browser.Page a = browser.get(uri("/auth/v1/method/github/authorize"));
        assertEquals(200, a.status(), a.body());
        assertTrue(a.setCookies().get(0).contains("Path=/auth/v1/method/github/callback"), a.setCookies().toString());
        return json(a.body()).get("authorizeUrl").asText();
    }

    private static void assertRefused(Browser.Page page, int status, String messagePart) {
        assertEquals(status, page.status(), page.body());
        assertTrue(json(page.body()).get("message").asText().contains(messagePart), page.body());
        assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith("flipt_client_token=")), page.setCookies().toString());
    }

    private static URI uri(String path) {
        return URI.create(server.url(path));
    }
}
