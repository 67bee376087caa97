package dev.flagpost.it;

import static dev.flagpost.it.Browser.json;
import static dev.flagpost.it.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end against a real Keycloak (see {@link KeycloakServer}): the test plays a browser without
 * one, following every redirect itself and posting Keycloak's own login form, so Keycloak's
 * redirect-URI, PKCE, client-secret and logout checks all apply to what Flagpost sends.
 * Realm, client secret and passwords come from the test fixture {@code keycloak/flagpost-realm.json}.
 */
class KeycloakIT {
    static final String REALM_FIXTURE = "/keycloak/flagpost-realm.json";
    static final String CLIENT_SECRET = "test-fixture-keycloak-client-secret";
    static final String CSRF_KEY = "it-csrf-key-test-fixture-only-keycloak-0123456789";
    /** Keycloak's login page: the form and the URL it posts to (HTML-escaped). */
    static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-form-login\"[^>]*\\baction=\"([^\"]+)\"");
    static final String CALLBACK = "/auth/v1/method/oidc/keycloak/callback";

    static KeycloakServer keycloak;
    static FlagpostServer server;

    static final boolean SKIP = Boolean.getBoolean("keycloak.skip");

    @BeforeAll
    static void start() throws Exception {
        if (SKIP) {
            return; // each test reports the skip (an assumption here would hide it from the test counts)
        }
        keycloak = KeycloakServer.start(REALM_FIXTURE, "flagpost");
        System.out.println("Keycloak started in " + keycloak.startTime().toMillis() + " ms at " + keycloak.issuer() + " (log: " + keycloak.log() + ")");
        server = FlagpostServer.shared("keycloak", """
                authentication:
                  required: true
                  session:
                    domain: localhost
                    csrf:
                      key: "${env:IT_CSRF_KEY}"
                  methods:
                    oidc:
                      enabled: true
                      email_matches: ['@flagpost[.]test$']
                      providers:
                        keycloak:
                          issuer_url: "${env:IT_KEYCLOAK_ISSUER}"
                          client_id: flagpost
                          client_secret: "${env:IT_KEYCLOAK_SECRET}"
                          redirect_address: "http://127.0.0.1:${env:FLAGPOST_HTTP_PORT}"
                          scopes: [email, profile]
                          use_pkce: true
                          use_end_session_endpoint: true
                """, Map.of("IT_KEYCLOAK_ISSUER", keycloak.issuer(), "IT_KEYCLOAK_SECRET", CLIENT_SECRET, "IT_CSRF_KEY", CSRF_KEY));
    }

    @BeforeEach
    void requireKeycloak() {
        assumeFalse(SKIP, "skipped: -Dkeycloak.skip is set, so Keycloak was not unpacked; "
                + "run `mvn verify` without it to test the OIDC login against a real Keycloak");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aKeycloakUserLogsInThroughTheLoginFormAndRevokeLogsHerOutAtKeycloakToo() {
        Browser browser = new Browser();
        Browser.Page done = logIn(browser, "alice", "test-fixture-alice-password");
        assertEquals(302, done.status(), done.body());
        assertEquals("/", done.location());
        String token = browser.cookie(flagpost("/"), "flipt_client_token");
        assertNotNull(token, "session cookie set: " + done.setCookies());

        Browser.Page self = browser.get(flagpost("/auth/v1/self"));
        assertEquals(200, self.status(), self.body());
        JsonNode me = json(self.body());
        assertEquals("METHOD_OIDC", me.get("method").asText());
        JsonNode metadata = me.get("metadata");
        assertEquals("keycloak", metadata.get("io.flipt.auth.oidc.provider").asText());
        assertEquals("alice@flagpost.test", metadata.get("io.flipt.auth.oidc.email").asText());
        assertEquals("true", metadata.get("io.flipt.auth.oidc.email_verified").asText(), metadata.toString());
        assertEquals("alice@flagpost.test", metadata.get("io.flipt.auth.email").asText());
        assertTrue(metadata.get("io.flipt.auth.claims").asText().contains("\"iss\":\"" + keycloak.issuer() + "\""), metadata.toString());

        String csrf = browser.get(flagpost("/meta/info")).headers().firstValue("X-CSRF-Token").orElseThrow();
        Browser.Page out = browser.send("DELETE", flagpost("/auth/v1/self/revoke"), null, "X-CSRF-Token", csrf);
        assertEquals(200, out.status(), out.body());
        URI next = URI.create(json(out.body()).get("nextUri").asText());
        assertTrue(next.toString().startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?"), next.toString());
        Map<String, String> logoutParams = query(next);
        assertEquals("flagpost", logoutParams.get("client_id"));
        assertEquals(flagpost("/").toString(), logoutParams.get("post_logout_redirect_uri"));

        Browser stale = new Browser();
        stale.set(flagpost("/"), "flipt_client_token", token, "/");
        assertEquals(401, stale.get(flagpost("/auth/v1/self")).status(), "the revoked session no longer works");

        // Keycloak accepts Flagpost's logout request: it asks to confirm (no id_token_hint is sent),
        // then ends its own session and returns the browser to Flagpost.
        Browser.Page confirm = browser.get(next);
        assertEquals(200, confirm.status(), confirm.body());
        Matcher form = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"[^>]*>").matcher(confirm.body());
        assertTrue(form.find(), "Keycloak's logout confirmation:\n" + confirm.body());
        Matcher session = Pattern.compile("name=\"session_code\" value=\"([^\"]+)\"").matcher(confirm.body());
        assertTrue(session.find(), confirm.body());
        Browser.Page loggedOut = browser.postForm(resolve(confirm.uri(), form.group(1)),
                "session_code=" + encode(unescape(session.group(1))) + "&confirmLogout=Logout");
        assertEquals(302, loggedOut.status(), loggedOut.body());
        assertEquals(flagpost("/").toString(), loggedOut.location());

        // Keycloak's SSO session is gone: logging in again shows the login form once more.
        Browser.Page authorize = browser.get(flagpost("/auth/v1/method/oidc/keycloak/authorize"));
        Browser.Page atKeycloak = browser.get(URI.create(json(authorize.body()).get("authorizeUrl").asText()));
        assertEquals(200, atKeycloak.status(), "the login form, not an SSO redirect: " + atKeycloak.headers().map());
        assertTrue(LOGIN_FORM.matcher(atKeycloak.body()).find(), atKeycloak.body());
    }

    @Test
    void aKeycloakUserWhoseEmailDoesNotMatchIsRefusedAtTheCallback() {
        Browser browser = new Browser();
        Browser.Page done = logIn(browser, "mallory", "test-fixture-mallory-password");
        assertEquals(401, done.status(), done.body());
        assertTrue(done.body().contains("email"), done.body());
        assertFalse(done.setCookies().stream().anyMatch(c -> c.startsWith("flipt_client_token=") && !c.startsWith("flipt_client_token=;")),
                "no session: " + done.setCookies());
        assertEquals(401, browser.get(flagpost("/auth/v1/self")).status());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * Flagpost's authorize route, Keycloak's login page, the form post with the user's password,
     * and Flagpost's callback; returns the callback's answer.
     */
    private static Browser.Page logIn(Browser browser, String username, String password) {
        Browser.Page authorize = browser.get(flagpost("/auth/v1/method/oidc/keycloak/authorize?state=e2e"));
        assertEquals(200, authorize.status(), authorize.body());
        URI authorizeUrl = URI.create(json(authorize.body()).get("authorizeUrl").asText());
        assertTrue(authorizeUrl.toString().startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"), authorizeUrl.toString());
        assertEquals("S256", query(authorizeUrl).get("code_challenge_method"));

        Browser.Page login = browser.get(authorizeUrl);
        assertEquals(200, login.status(), "Keycloak's login page (an error page would mean it refused the request):\n" + login.body());
        Matcher form = LOGIN_FORM.matcher(login.body());
        assertTrue(form.find(), "no login form in:\n" + login.body());
        Browser.Page posted = browser.postForm(resolve(login.uri(), form.group(1)),
                "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=");
        assertEquals(302, posted.status(), "Keycloak did not accept the login:\n" + posted.body());

        URI callback = URI.create(posted.location());
        assertEquals(flagpost(CALLBACK).toString(), callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath());
        Map<String, String> params = query(callback);
        assertNotNull(params.get("code"), callback.toString());
        assertEquals(browser.cookie(flagpost("/"), "flipt_client_state"), params.get("state"), "Keycloak echoes Flagpost's state");
        return browser.get(callback);
    }

    private static URI flagpost(String path) {
        return URI.create(server.url(path));
    }

    private static URI resolve(URI base, String htmlUrl) {
        return base.resolve(unescape(htmlUrl));
    }

    /** The few entities Keycloak's templates put into attribute values. */
    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x3D;", "=").replace("&#61;", "=").replace("&quot;", "\"");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
