package dev.flagpost.it;

import static dev.flagpost.it.Browser.json;
import static dev.flagpost.it.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Empty;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OIDC login, sessions, CSRF and logout against a real provider (mock-oauth2-server on loopback),
 * with the test playing the browser step by step. Providers: {@code one} (PKCE), {@code two} (no
 * PKCE, RP-initiated logout) and {@code down} (nothing listens at its issuer).
 */
class OidcIT {
    static final String CSRF_KEY = "it-csrf-key-test-fixture-only-0123456789";
    static MockOAuth2Server idp;
    /** When set, provider one's token endpoint answers once with this ID token instead of a real one. */
    static final java.util.concurrent.atomic.AtomicReference<String> NEXT_ID_TOKEN = new java.util.concurrent.atomic.AtomicReference<>();
    static final Route HOSTILE_TOKEN_ENDPOINT = new Route() {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return NEXT_ID_TOKEN.get() != null && request.getMethod().equals("POST") && request.getUrl().encodedPath().equals("/one/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = "{\"access_token\":\"at-test\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                    + NEXT_ID_TOKEN.getAndSet(null) + "\"}";
            return new OAuth2HttpResponse(okhttp3.Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    };
    static FlagpostServer server;
    static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server(new no.nav.security.mock.oauth2.OAuth2Config(), HOSTILE_TOKEN_ENDPOINT);
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        server = FlagpostServer.shared("oidc", """
                authentication:
                  required: true
                  session:
                    domain: localhost
                    csrf:
                      key: "${env:IT_CSRF_KEY}"
                      trusted_origins: [https://ui.trusted.test]
                  methods:
                    token: {enabled: true}
                    oidc:
                      enabled: true
                      email_matches: ['@flagpost[.]test$']
                      providers:
                        one:
                          issuer_url: "${env:IT_IDP}/one"
                          client_id: flagpost-one
                          client_secret: test-fixture-secret-one
                          redirect_address: "http://127.0.0.1:${env:FLAGPOST_HTTP_PORT}"
                          scopes: [email, profile]
                          use_pkce: true
                        two:
                          issuer_url: "${env:IT_IDP}/two"
                          client_id: flagpost-two
                          client_secret: test-fixture-secret-two
                          redirect_address: "http://127.0.0.1:${env:FLAGPOST_HTTP_PORT}/"
                          use_end_session_endpoint: true
                        down:
                          issuer_url: http://127.0.0.1:9/down
                          client_id: flagpost-down
                          client_secret: test-fixture-secret-down
                          redirect_address: "http://127.0.0.1:${env:FLAGPOST_HTTP_PORT}"
                """, Map.of("IT_IDP", idp.baseUrl().toString().replaceAll("/$", ""), "IT_CSRF_KEY", CSRF_KEY));
        bootstrap = server.bootstrapToken();
    }

    @AfterAll
    static void stop() {
        server.stop();
        idp.shutdown();
    }

    // ---- the flow -------------------------------------------------------------------------------

    @Test
    void loginWithPkceEndsInASessionCookieAndARedirectHome() {
        Browser browser = new Browser();
        Browser.Page authorize = browser.get(uri("/auth/v1/method/oidc/one/authorize?state=ui-state"));
        assertEquals(200, authorize.status(), authorize.body());
        String authorizeUrl = json(authorize.body()).get("authorizeUrl").asText();
        Map<String, String> q = query(URI.create(authorizeUrl));
        assertEquals("S256", q.get("code_challenge_method"));
        assertNotNull(q.get("code_challenge"));
        assertNotNull(q.get("nonce"));
        assertEquals("openid email profile", q.get("scope"));
        assertEquals(server.url("/auth/v1/method/oidc/one/callback"), q.get("redirect_uri"));
        String stateCookie = only(authorize.setCookies(), "flipt_client_state");
        assertTrue(stateCookie.contains("; Path=/auth/v1/method/oidc/one/callback"), stateCookie);
        assertTrue(stateCookie.contains("; HttpOnly") && stateCookie.contains("; SameSite=Lax") && stateCookie.contains("; Expires="), stateCookie);
        assertFalse(stateCookie.contains("Domain="), "no Domain for localhost: " + stateCookie);
        assertEquals(q.get("state"), browser.cookie(uri("/"), "flipt_client_state"));
        assertEquals("ui-state", json(new String(Base64.getUrlDecoder().decode(q.get("state")), StandardCharsets.UTF_8))
                .get("original_state").asText());

        Browser.Page done = finish(browser, authorizeUrl, "one", "alice@flagpost.test");
        assertEquals(302, done.status(), done.body());
        assertEquals("/", done.location());
        String session = only(done.setCookies(), "flipt_client_token");
        assertTrue(session.contains("; Path=/") && session.contains("; HttpOnly") && session.contains("; SameSite=Strict")
                && session.contains("; Expires="), session);
        assertFalse(session.contains("Secure"), "session.secure is off: " + session);
        String clearedState = only(done.setCookies(), "flipt_client_state");
        assertTrue(clearedState.contains("Max-Age=0") && clearedState.contains("Path=/auth/v1/method/oidc/one/callback"), clearedState);

        Browser.Page self = browser.get(uri("/auth/v1/self"));
        assertEquals(200, self.status(), self.body());
        JsonNode me = json(self.body());
        assertEquals("METHOD_OIDC", me.get("method").asText());
        assertEquals("one", me.get("metadata").get("io.flipt.auth.oidc.provider").asText());
        assertEquals("alice@flagpost.test", me.get("metadata").get("io.flipt.auth.oidc.email").asText());
        assertEquals("alice@flagpost.test", me.get("metadata").get("io.flipt.auth.email").asText());
        assertTrue(me.get("metadata").get("io.flipt.auth.claims").asText().contains("\"sub\""));
        assertTrue(me.has("expiresAt"));
    }

    @Test
    void loginWithoutPkceWorksOnASecondProviderAtTheSameTime() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "two");
        assertNull(query(URI.create(authorizeUrl)).get("code_challenge"), "PKCE is off for provider two");
        Browser.Page done = finish(browser, authorizeUrl, "two", "bob@flagpost.test");
        assertEquals(302, done.status(), done.body());
        JsonNode me = json(browser.get(uri("/auth/v1/self")).body());
        assertEquals("two", me.get("metadata").get("io.flipt.auth.oidc.provider").asText());
    }

    @Test
    void everyProviderIsListedWithItsRoutesUnderTheProxyPrefix() {
        Http.Response r = new Http(server).get("/auth/v1/method", "X-Forwarded-Prefix", "/flags");
        assertEquals(200, r.status(), r.body());
        JsonNode oidc = null;
        for (JsonNode m : r.json().get("methods")) {
            if (m.get("method").asText().equals("METHOD_OIDC")) {
                oidc = m;
            }
        }
        assertNotNull(oidc);
        assertTrue(oidc.get("enabled").asBoolean() && oidc.get("sessionCompatible").asBoolean());
        JsonNode providers = oidc.get("metadata").get("providers");
        assertEquals("/flags/auth/v1/method/oidc/one/authorize", providers.get("one").get("authorize_url").asText());
        assertEquals("/flags/auth/v1/method/oidc/two/callback", providers.get("two").get("callback_url").asText());
        assertTrue(providers.has("down"));

        var grpc = dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort()))
                .listAuthenticationMethods(com.google.protobuf.Empty.getDefaultInstance());
        var overGrpc = grpc.getMethodsList().stream().filter(m -> m.getMethod() == dev.flagpost.grpc.auth.v1.Method.METHOD_OIDC)
                .findFirst().orElseThrow();
        var one = overGrpc.getMetadata().getFieldsOrThrow("providers").getStructValue().getFieldsOrThrow("one").getStructValue();
        assertEquals("/auth/v1/method/oidc/one/authorize", one.getFieldsOrThrow("authorize_url").getStringValue(), "gRPC lists the same routes");
        assertEquals("/auth/v1/method/oidc/one/callback", one.getFieldsOrThrow("callback_url").getStringValue());
    }

    @Test
    void theRedirectAfterLoginFollowsTheProxyPrefixButNeverLeavesTheSite() {
        for (String[] c : new String[][] {{"/flags", "/flags/"}, {"/flags/", "/flags/"}, {"//evil.com", "/"},
                {"https://evil.com", "/"}, {"/\\evil.com", "/"}, {"/%2F%2Fevil.com", "/"}, {"/..", "/"}}) {
            Browser browser = new Browser();
            String authorizeUrl = authorizeUrl(browser, "one");
            Browser.Page done = finish(browser, authorizeUrl, "one", "alice@flagpost.test", "X-Forwarded-Prefix", c[0]);
            assertEquals(302, done.status(), done.body());
            assertEquals(c[1], done.location(), "prefix " + c[0]);
        }
    }

    // ---- state ----------------------------------------------------------------------------------

    @Test
    void aCallbackWithoutTheStateCookieIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        browser.forget(uri("/"), "flipt_client_state");
        Browser.Page done = finishEnqueued(browser, authorizeUrl);
        assertLoginRefused(done, "state");
    }

    @Test
    void aForgedStateIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        Browser.Page atIdp = browser.get(URI.create(authorizeUrl));
        Map<String, String> cb = query(URI.create(atIdp.location()));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"security_token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"original_state\":\"\"}".getBytes(StandardCharsets.UTF_8));
        // The state parameter differs from the cookie.
        assertLoginRefused(browser.get(uri("/auth/v1/method/oidc/one/callback?code=" + cb.get("code") + "&state=" + forged)), "state");
        // Cookie and parameter agree but were never issued.
        Browser other = new Browser();
        other.set(uri("/"), "flipt_client_state", forged, "/auth/v1/method/oidc/one/callback");
        assertLoginRefused(other.get(uri("/auth/v1/method/oidc/one/callback?code=" + cb.get("code") + "&state=" + forged)), "state");
    }

    @Test
    void aReplayedCallbackIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        String state = browser.cookie(uri("/"), "flipt_client_state");
        Browser.Page done = finish(browser, authorizeUrl, "one", "alice@flagpost.test");
        assertEquals(302, done.status(), done.body());
        // An attacker who saw the callback URL and the state cookie sends both again.
        Browser replay = new Browser();
        replay.set(uri("/"), "flipt_client_state", state, "/auth/v1/method/oidc/one/callback");
        Browser.Page again = replay.get(done.uri());
        assertLoginRefused(again, "already used");
    }

    @Test
    void aStateIssuedForOneProviderIsRejectedAtAnotherProvidersCallback() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "two");
        String state = browser.cookie(uri("/"), "flipt_client_state");
        Browser.Page atIdp = browser.get(URI.create(authorizeUrl));
        Map<String, String> cb = query(URI.create(atIdp.location()));
        browser.set(uri("/"), "flipt_client_state", state, "/auth/v1/method/oidc/one/callback");
        assertLoginRefused(browser.get(uri("/auth/v1/method/oidc/one/callback?code=" + cb.get("code") + "&state=" + cb.get("state"))), "state");
    }

    @Test
    void aProviderErrorAtTheCallbackIsRejectedWith401() {
        Browser browser = new Browser();
        authorizeUrl(browser, "one");
        String state = browser.cookie(uri("/"), "flipt_client_state");
        assertLoginRefused(browser.get(uri("/auth/v1/method/oidc/one/callback?error=access_denied&state=" + state)), "access_denied");
    }

    // ---- the ID token ---------------------------------------------------------------------------

    @Test
    void anIdTokenWithTheNonceOfAnotherLoginIsRejectedWith401() {
        // Code injection: the attacker's own code (bound to the attacker's nonce) in the victim's flow.
        Browser attacker = new Browser();
        String attackerUrl = authorizeUrl(attacker, "two");
        Map<String, String> attackerCb = query(URI.create(attacker.get(URI.create(attackerUrl)).location()));
        Browser victim = new Browser();
        authorizeUrl(victim, "two");
        String victimState = victim.cookie(uri("/"), "flipt_client_state");
        idp.enqueueCallback(tokens("two", "flagpost-two", "mallory@flagpost.test", 3600, Map.of()));
        assertLoginRefused(victim.get(uri("/auth/v1/method/oidc/two/callback?code=" + attackerCb.get("code") + "&state=" + victimState)), "nonce");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        assertLoginRefused(withIdToken(browser, authorizeUrl, "someone-else", 3600, Map.of()), "audience");
    }

    @Test
    void anExpiredIdTokenIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        assertLoginRefused(withIdToken(browser, authorizeUrl, "flagpost-one", -600, Map.of()), "expired");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        // Signed with provider one's real key, but naming another issuer (here: the same one with a trailing slash).
        assertLoginRefused(withIdToken(browser, authorizeUrl, "flagpost-one", 3600, Map.of("iss", idp.issuerUrl("one") + "/")), "issuer");
    }

    @Test
    void anUnsignedIdTokenIsRejectedWith401() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        Browser.Page atIdp = browser.get(URI.create(authorizeUrl));
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + idp.issuerUrl("one") + "\",\"sub\":\"mallory\",\"aud\":\"flagpost-one\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + ",\"email\":\"mallory@flagpost.test\"}");
        NEXT_ID_TOKEN.set(header + "." + claims + ".");
        assertLoginRefused(browser.get(URI.create(atIdp.location())), "ID token");
    }

    // ---- email_matches --------------------------------------------------------------------------

    @Test
    void anEmailOutsideEmailMatchesGetsNoSession() {
        Browser browser = new Browser();
        String authorizeUrl = authorizeUrl(browser, "one");
        Browser.Page done = finish(browser, authorizeUrl, "one", "mallory@evil.test");
        assertLoginRefused(done, "email_matches");
        assertEquals(401, browser.get(uri("/auth/v1/self")).status());
    }

    // ---- CSRF -----------------------------------------------------------------------------------

    @Test
    void csrfMatrix() {
        Browser browser = loggedIn("one", "carol@flagpost.test");
        Browser.Page meta = browser.get(uri("/meta/info"));
        assertEquals(200, meta.status(), meta.body());
        assertTrue(json(meta.body()).get("authentication").get("required").asBoolean());
        String csrf = meta.headers().firstValue("X-CSRF-Token").orElseThrow();
        assertEquals(csrf, browser.get(uri("/auth/v1/self")).headers().firstValue("X-CSRF-Token").orElseThrow());
        String body = "{\"name\":\"from-the-ui\"}";
        String origin = "http://127.0.0.1:" + server.httpPort();

        assertEquals(200, post(browser, body, "Origin", origin, "Sec-Fetch-Site", "same-origin", "X-CSRF-Token", csrf).status(),
                "same-origin with the token");
        assertForbidden(post(browser, body, "Origin", origin, "Sec-Fetch-Site", "cross-site", "X-CSRF-Token", csrf), "Sec-Fetch-Site");
        assertForbidden(post(browser, body, "Origin", "https://evil.test", "X-CSRF-Token", csrf), "Origin");
        assertForbidden(post(browser, body, "Origin", origin, "Sec-Fetch-Site", "same-origin"), "X-CSRF-Token");
        assertForbidden(post(browser, body, "Origin", origin, "X-CSRF-Token", "forged"), "X-CSRF-Token");
        assertEquals(200, post(browser, body, "Origin", "https://ui.trusted.test", "Sec-Fetch-Site", "cross-site", "X-CSRF-Token", csrf).status(),
                "a trusted origin");
        // Another session's token does not fit this one.
        String otherCsrf = loggedIn("one", "dave@flagpost.test").get(uri("/meta/info")).headers().firstValue("X-CSRF-Token").orElseThrow();
        assertForbidden(post(browser, body, "X-CSRF-Token", otherCsrf), "X-CSRF-Token");
        // Bearer callers are not subject to the token, but a cross-site browser request still is refused.
        Http http = new Http(server);
        assertEquals(200, http.post("/auth/v1/method/token", body, Http.bearer(bootstrap)).status());
        assertEquals(200, http.post("/auth/v1/method/token", body, "Authorization", "Bearer " + bootstrap, "Origin", origin).status());
        assertForbidden(http.post("/auth/v1/method/token", body, "Authorization", "Bearer " + bootstrap, "Sec-Fetch-Site", "cross-site"));
        // Reads are never blocked.
        assertEquals(200, browser.get(uri("/auth/v1/self"), "Sec-Fetch-Site", "cross-site").status());
    }

    // ---- logout ---------------------------------------------------------------------------------

    @Test
    void revokeEndsTheSessionOnRestAndGrpcAndClearsBothCookies() {
        Browser browser = loggedIn("one", "erin@flagpost.test");
        String token = browser.cookie(uri("/"), "flipt_client_token");
        String csrf = browser.get(uri("/meta/info")).headers().firstValue("X-CSRF-Token").orElseThrow();
        assertEquals(dev.flagpost.grpc.auth.v1.Method.METHOD_OIDC, grpcSelf(token).getMethod(), "the session works over gRPC first");
        Browser.Page out = browser.send("DELETE", uri("/auth/v1/self/revoke"), null, "X-CSRF-Token", csrf);
        assertEquals(200, out.status(), out.body());
        assertClearsBothCookies(out.setCookies());
        assertFalse(json(out.body()).has("nextUri"), "provider one has no RP logout configured");

        Browser stale = new Browser();
        stale.set(uri("/"), "flipt_client_token", token, "/");
        Browser.Page after = stale.get(uri("/auth/v1/self"));
        assertEquals(401, after.status());
        assertClearsBothCookies(after.setCookies());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpcSelf(token));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void expireSelfEndsTheSessionAndClearsBothCookies() {
        Browser browser = loggedIn("two", "frank@flagpost.test");
        String token = browser.cookie(uri("/"), "flipt_client_token");
        String csrf = browser.get(uri("/meta/info")).headers().firstValue("X-CSRF-Token").orElseThrow();
        Browser.Page out = browser.send("PUT", uri("/auth/v1/self/expire"), null, "X-CSRF-Token", csrf);
        assertEquals(200, out.status(), out.body());
        assertClearsBothCookies(out.setCookies());
        assertEquals(401, new Http(server).get("/auth/v1/self", Http.bearer(token)).status());
    }

    @Test
    void revokeOfAProviderWithEndSessionReturnsTheProvidersLogoutUrl() {
        Browser browser = loggedIn("two", "grace@flagpost.test");
        String csrf = browser.get(uri("/meta/info")).headers().firstValue("X-CSRF-Token").orElseThrow();
        Browser.Page out = browser.send("DELETE", uri("/auth/v1/self/revoke"), null, "X-CSRF-Token", csrf);
        assertEquals(200, out.status(), out.body());
        String next = json(out.body()).get("nextUri").asText();
        assertTrue(next.startsWith(idp.baseUrl() + "two/endsession"), next);
        assertTrue(next.contains("client_id=flagpost-two"), next);
    }

    // ---- availability ---------------------------------------------------------------------------

    @Test
    void aProviderThatIsDownAnswers503AtAuthorizeAndExistingSessionsKeepWorking() {
        Browser browser = loggedIn("one", "heidi@flagpost.test");
        Browser.Page down = browser.get(uri("/auth/v1/method/oidc/down/authorize"));
        assertEquals(503, down.status(), down.body());
        assertEquals(14, json(down.body()).get("code").asInt());
        assertTrue(json(down.body()).get("message").asText().contains("\"down\" is unavailable"), down.body());
        assertTrue(down.setCookies().isEmpty(), "no state cookie for a login that cannot start");
        assertEquals(200, browser.get(uri("/auth/v1/self")).status());
    }

    @Test
    void anUnknownProviderIs404() {
        assertEquals(404, new Browser().get(uri("/auth/v1/method/oidc/nope/authorize")).status());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Browser loggedIn(String provider, String email) {
        Browser browser = new Browser();
        Browser.Page done = finish(browser, authorizeUrl(browser, provider), provider, email);
        assertEquals(302, done.status(), done.body());
        return browser;
    }

    private static String authorizeUrl(Browser browser, String provider) {
        Browser.Page authorize = browser.get(uri("/auth/v1/method/oidc/" + provider + "/authorize"));
        assertEquals(200, authorize.status(), authorize.body());
        return json(authorize.body()).get("authorizeUrl").asText();
    }

    /** The provider's part (it approves at once) and the callback, with an ID token carrying {@code email}. */
    private static Browser.Page finish(Browser browser, String authorizeUrl, String provider, String email, String... headers) {
        idp.enqueueCallback(tokens(provider, "flagpost-" + provider, email, 3600, Map.of()));
        return finishEnqueued(browser, authorizeUrl, headers);
    }

    private static Browser.Page finishEnqueued(Browser browser, String authorizeUrl, String... headers) {
        Browser.Page atIdp = browser.get(URI.create(authorizeUrl));
        assertEquals(302, atIdp.status(), atIdp.body());
        return browser.get(URI.create(atIdp.location()), headers);
    }

    private static DefaultOAuth2TokenCallback tokens(String issuer, String audience, String email, long expirySeconds, Map<String, Object> extra) {
        Map<String, Object> claims = new LinkedHashMap<>(extra);
        claims.put("email", email);
        claims.put("name", email.substring(0, email.indexOf('@')));
        return new DefaultOAuth2TokenCallback(issuer, email.substring(0, email.indexOf('@')), "JWT", List.of(audience), claims, expirySeconds);
    }

    /**
     * The provider's authorize step, then a token response whose ID token is signed with provider one's
     * real key and carries the flow's nonce, but has the given audience, lifetime and claim overrides.
     */
    private static Browser.Page withIdToken(Browser browser, String authorizeUrl, String audience, long expirySeconds, Map<String, Object> overrides) {
        Browser.Page atIdp = browser.get(URI.create(authorizeUrl));
        Map<String, Object> claims = new LinkedHashMap<>(Map.of("email", "alice@flagpost.test", "nonce", query(URI.create(authorizeUrl)).get("nonce")));
        claims.putAll(overrides);
        String idToken = idp.issueToken("one", "flagpost-one", new DefaultOAuth2TokenCallback("one", "alice", "JWT",
                List.of(audience), claims, expirySeconds)).serialize();
        NEXT_ID_TOKEN.set(idToken);
        return browser.get(URI.create(atIdp.location()));
    }

    private static Browser.Page post(Browser browser, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return browser.send("POST", uri("/auth/v1/method/token"), body, all);
    }

    private static dev.flagpost.grpc.auth.v1.Authentication grpcSelf(String token) {
        return GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.grpcPort())), "Bearer " + token)
                .getAuthenticationSelf(Empty.getDefaultInstance());
    }

    private static void assertLoginRefused(Browser.Page page, String messagePart) {
        assertEquals(401, page.status(), page.body());
        JsonNode body = json(page.body());
        assertEquals(16, body.get("code").asInt());
        assertTrue(body.get("message").asText().toLowerCase().contains(messagePart.toLowerCase()), "expected \"" + messagePart + "\" in: " + page.body());
        assertTrue(page.setCookies().stream().noneMatch(c -> c.startsWith("flipt_client_token=") && !c.contains("Max-Age=0")),
                "no session cookie: " + page.setCookies());
    }

    private static void assertForbidden(Browser.Page page, String messagePart) {
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains(messagePart), page.body());
        assertTrue(page.setCookies().isEmpty(), "a refused request keeps the session: " + page.setCookies());
    }

    private static void assertForbidden(Http.Response r) {
        assertEquals(403, r.status(), r.body());
    }

    private static void assertClearsBothCookies(List<String> setCookies) {
        for (String name : List.of("flipt_client_token", "flipt_client_state")) {
            assertTrue(setCookies.stream().anyMatch(c -> c.startsWith(name + "=;") && c.contains("Max-Age=0") && c.contains("HttpOnly")),
                    name + " not cleared: " + setCookies);
        }
    }

    private static String only(List<String> setCookies, String name) {
        List<String> matching = setCookies.stream().filter(c -> c.startsWith(name + "=")).toList();
        assertEquals(1, matching.size(), "one " + name + " in " + setCookies);
        return matching.get(0);
    }

    private static URI uri(String path) {
        return URI.create(server.url(path));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
