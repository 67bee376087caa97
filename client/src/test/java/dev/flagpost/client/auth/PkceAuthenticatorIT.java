package dev.flagpost.client.auth;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import dev.flagpost.client.testing.BrowserBot;
import dev.flagpost.client.testing.MockIdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PKCE login end to end against mock-oauth2-server; the test plays the browser. */
class PkceAuthenticatorIT {
    static MockIdp idp;

    @BeforeAll
    static void start() {
        idp = new MockIdp();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private PkceAuthenticator pkce(BrowserBot bot, Duration timeout) {
        return new PkceAuthenticator(idp.store(), bot, timeout, Clock.systemUTC());
    }

    @Test
    void pkceLoginReturnsTokensIssuedByTheIdp() throws Exception {
        BrowserBot bot = new BrowserBot();
        Credentials c = pkce(bot, Duration.ofSeconds(20)).authenticate();

        assertEquals(idp.issuer().toString(), JWTParser.parse(c.accessToken()).getJWTClaimsSet().getIssuer());
        assertTrue(c.hasRefreshToken(), "mock issues a refresh token");
        assertNotNull(c.expiresAt());
        assertEquals(200, bot.callbackResponses.get(0).statusCode());
        assertTrue(bot.callbackResponses.get(0).body().contains("Login complete"));
    }

    @Test
    void authorizationRequestUsesS256AndALoopbackRedirectWithTheBoundPort() throws Exception {
        BrowserBot bot = new BrowserBot();
        pkce(bot, Duration.ofSeconds(20)).authenticate();

        AuthorizationRequest request = AuthorizationRequest.parse(bot.authorizationUrls.get(0));
        assertEquals("S256", request.getCodeChallengeMethod().getValue());
        URI redirect = request.getRedirectionURI();
        assertEquals("127.0.0.1", redirect.getHost());
        assertTrue(redirect.getPort() > 0, "port 0 is replaced by the bound port");
        assertEquals("/callback", redirect.getPath());
        assertTrue(request.getState().getValue().length() >= 43, "state carries >= 256 bits");
    }

    @Test
    void everyLoginUsesAFreshStateAndVerifier() throws Exception {
        BrowserBot bot = new BrowserBot();
        PkceAuthenticator authenticator = pkce(bot, Duration.ofSeconds(20));
        authenticator.authenticate();
        authenticator.authenticate();

        AuthorizationRequest first = AuthorizationRequest.parse(bot.authorizationUrls.get(0));
        AuthorizationRequest second = AuthorizationRequest.parse(bot.authorizationUrls.get(1));
        assertNotEquals(first.getState(), second.getState());
        assertNotEquals(first.getCodeChallenge(), second.getCodeChallenge());
    }

    @Test
    void faviconAndOtherStrayRequestsAreIgnoredAndLoginStillCompletes() throws Exception {
        BrowserBot bot = new BrowserBot(u -> u, List.of("/favicon.ico", "/robots.txt"));
        Credentials c = pkce(bot, Duration.ofSeconds(20)).authenticate();

        assertNotNull(c.accessToken());
        assertEquals(404, bot.callbackResponses.get(0).statusCode());
        assertEquals(404, bot.callbackResponses.get(1).statusCode());
        assertEquals(200, bot.callbackResponses.get(2).statusCode());
    }

    @Test
    void callbackWithWrongStateIsRefusedAndLoginTimesOut() {
        BrowserBot bot = new BrowserBot(u -> URI.create(u.toString().replaceAll("state=[^&]+", "state=forged")), List.of());
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> pkce(bot, Duration.ofMillis(1500)).authenticate());

        assertEquals(400, bot.callbackResponses.get(0).statusCode());
        assertTrue(e.getMessage().contains("no login callback arrived"), e.getMessage());
    }

    @Test
    void errorRedirectFailsTheLoginWithTheIdpsReason() {
        BrowserBot bot = new BrowserBot(u -> {
            String state = u.getQuery().replaceAll(".*state=([^&]+).*", "$1");
            return URI.create(u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath()
                    + "?error=access_denied&error_description=user%20said%20%3Cno%3E&state=" + state);
        }, List.of());
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> pkce(bot, Duration.ofSeconds(20)).authenticate());

        assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
        String page = bot.callbackResponses.get(0).body();
        assertTrue(page.contains("Login failed"));
        assertTrue(page.contains("&lt;no&gt;") && !page.contains("<no>"), "IdP text is HTML-escaped");
    }

    @Test
    void loginTimesOutWhenNoBrowserEverCallsBack() {
        PkceAuthenticator authenticator = new PkceAuthenticator(idp.store(), url -> { }, Duration.ofMillis(200), Clock.systemUTC());
        AuthenticationException e = assertThrows(AuthenticationException.class, authenticator::authenticate);
        assertTrue(e.getMessage().contains("--device"), "message says what to do next: " + e.getMessage());
    }

    @Test
    void refreshTokenGrantReturnsANewAccessTokenAndKeepsARefreshToken() throws Exception {
        PkceAuthenticator authenticator = pkce(new BrowserBot(), Duration.ofSeconds(20));
        Credentials first = authenticator.authenticate();
        Credentials renewed = authenticator.refresh(first);

        assertNotEquals(first.accessToken(), renewed.accessToken());
        assertTrue(renewed.hasRefreshToken());
        assertEquals(idp.issuer().toString(), JWTParser.parse(renewed.accessToken()).getJWTClaimsSet().getIssuer());
    }
}
