package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.id.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile callbacks (STATE is replaced with the real state): none may complete or abort the
 * login. After each one the genuine callback still succeeds.
 */
class LoopbackCallbackHostileInputTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "?state=STATE",
            "?code=&state=STATE",
            "?code=evil",
            "?code=evil&state=",
            "?code=evil&state=STATE-suffix",
            "?code=evil&state=stAte",
            "?code=a&code=b&state=STATE",
            "?code=evil&state=STATE&state=other",
            "?error=access_denied",
            "?error=access_denied&state=forged",
            "?code=evil&code=&state=STATE",
            "?code=evil&state=LONG",
    })
    void hostileCallbackIsRefusedAndTheRealOneStillWorks(String query) throws Exception {
        State state = new State();
        HttpClient http = HttpClient.newHttpClient();
        try (LoopbackReceiver receiver = LoopbackReceiver.start(URI.create("http://127.0.0.1:0/callback"), state)) {
            String q = query.replace("STATE", state.getValue()).replace("LONG", "A".repeat(6000));
            HttpResponse<String> hostile = http.send(HttpRequest.newBuilder(URI.create(receiver.redirectUri() + q)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(hostile.statusCode() == 400, "HTTP " + hostile.statusCode() + " for " + query);
            assertTrue(!hostile.body().contains("evil"), "input is never reflected");

            HttpResponse<String> real = http.send(HttpRequest.newBuilder(URI.create(receiver.redirectUri()
                    + "?code=genuine&state=" + state.getValue())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, real.statusCode());
            assertEquals("genuine", receiver.await(Duration.ofSeconds(2)).getValue());
        }
    }
}
