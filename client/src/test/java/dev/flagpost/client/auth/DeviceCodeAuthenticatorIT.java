package dev.flagpost.client.auth;

import com.nimbusds.jwt.JWTParser;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.StaticClientConfigStore;
import dev.flagpost.client.testing.MockIdp;
import dev.flagpost.client.testing.MutableClock;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 8628 against a test-only device endpoint that replays the IdP's exact responses and, on
 * approval, fronts mock-oauth2-server's token endpoint (the mock has no device grant).
 */
class DeviceCodeAuthenticatorIT {
    private MockIdp idp;
    private StubServer device;
    private final Deque<String> script = new ConcurrentLinkedDeque<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> prompts = new ArrayList<>();
    private String deviceAuthorizationBody = "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\","
            + "\"verification_uri\":\"https://idp.example/device\","
            + "\"verification_uri_complete\":\"https://idp.example/device?user_code=WDJB-MJHT\",\"expires_in\":600}";

    @BeforeEach
    void start() {
        idp = new MockIdp();
        device = new StubServer()
                .on("/device", r -> Reply.json(200, deviceAuthorizationBody))
                .on("/token", r -> {
                    String next = script.poll();
                    if (next == null || next.equals("approve")) {
                        return Reply.json(200, tokenFromMock());
                    }
                    return Reply.json(400, "{\"error\":\"" + next + "\"}");
                });
    }

    @AfterEach
    void stop() {
        device.close();
        idp.close();
    }

    private String tokenFromMock() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(idp.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=flagpost-cli&client_secret=x&scope=openid"))
                .build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private DeviceCodeAuthenticator authenticator() {
        ClientConfig config = idp.config().toBuilder()
                .deviceAuthorizationEndpoint(device.uri("/device"))
                .tokenEndpoint(device.uri("/token"))
                .audience("flagpost")
                .build();
        return new DeviceCodeAuthenticator(new StaticClientConfigStore(config),
                (uri, code, complete) -> prompts.add(uri + " " + code + " " + complete),
                d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, clock);
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }

    @Test
    void pendingThenSlowDownThenApprovalYieldsTokensAndHonoursSlowDown() throws Exception {
        script.addAll(List.of("authorization_pending", "slow_down", "approve"));
        Credentials c = authenticator().authenticate();

        assertEquals(idp.issuer().toString(), JWTParser.parse(c.accessToken()).getJWTClaimsSet().getIssuer());
        // default interval 5 s (absent from the response), +5 s after slow_down
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)), sleeps);
        assertEquals(3, device.requestsTo("/token").size());
    }

    @Test
    void userIsShownTheCodeAndTheCompleteVerificationUri() {
        script.add("approve");
        authenticator().authenticate();
        assertEquals(List.of("https://idp.example/device WDJB-MJHT https://idp.example/device?user_code=WDJB-MJHT"), prompts);
    }

    @Test
    void requestsCarryExactlyTheRfc8628Parameters() {
        script.add("approve");
        authenticator().authenticate();

        Map<String, String> start = form(device.requestsTo("/device").get(0).body());
        assertEquals("flagpost-cli", start.get("client_id"));
        assertEquals("openid offline_access", start.get("scope"));
        assertEquals("flagpost", start.get("audience"));
        Map<String, String> poll = form(device.requestsTo("/token").get(0).body());
        assertEquals("urn:ietf:params:oauth:grant-type:device_code", poll.get("grant_type"));
        assertEquals("dc-1", poll.get("device_code"));
        assertEquals("flagpost-cli", poll.get("client_id"));
    }

    @Test
    void serverIntervalIsUsedWhenPresent() {
        deviceAuthorizationBody = deviceAuthorizationBody.replace("\"expires_in\":600", "\"expires_in\":600,\"interval\":7");
        script.addAll(List.of("authorization_pending", "approve"));
        authenticator().authenticate();
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void expiredTokenErrorFailsWithAHintToStartAgain() {
        script.addAll(List.of("authorization_pending", "expired_token"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> authenticator().authenticate());
        assertTrue(e.getMessage().contains("expired") && e.getMessage().contains("flagpost login --device"), e.getMessage());
    }

    @Test
    void accessDeniedFailsTheLogin() {
        script.add("access_denied");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> authenticator().authenticate());
        assertTrue(e.getMessage().contains("denied"), e.getMessage());
        assertEquals(1, device.requestsTo("/token").size());
    }

    @Test
    void pollingStopsAtExpiresInWithoutAnotherRequest() {
        deviceAuthorizationBody = deviceAuthorizationBody.replace("\"expires_in\":600", "\"expires_in\":12");
        for (int i = 0; i < 10; i++) {
            script.add("authorization_pending");
        }
        assertThrows(AuthenticationException.class, () -> authenticator().authenticate());
        // polls at t=5 and t=10; at t=15 the 12 s code has expired, so no third poll
        assertEquals(2, device.requestsTo("/token").size());
    }

    @Test
    void singlePollReportsPendingAsATypedException() {
        script.add("authorization_pending");
        DeviceCodeAuthenticator a = authenticator();
        DeviceCodeAuthenticator.Pending pending = a.start();
        AuthenticationPendingException e = assertThrows(AuthenticationPendingException.class, () -> a.poll(pending));
        assertEquals(5, e.retryAfterSeconds());
        script.add("slow_down");
        AuthenticationPendingException slow = assertThrows(AuthenticationPendingException.class, () -> a.poll(pending));
        assertTrue(slow.slowDown());
        assertEquals(10, slow.retryAfterSeconds());
    }

    @Test
    void missingDeviceEndpointSaysWhichFlowToUseInstead() {
        DeviceCodeAuthenticator a = new DeviceCodeAuthenticator(idp.store(), (u, c, x) -> { }, d -> { }, clock);
        AuthenticationException e = assertThrows(AuthenticationException.class, a::authenticate);
        assertTrue(e.getMessage().contains("--pkce"), e.getMessage());
    }
}
