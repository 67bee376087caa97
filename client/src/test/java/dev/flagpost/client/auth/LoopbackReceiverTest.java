package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.id.State;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LoopbackReceiverTest {
    final HttpClient http = HttpClient.newHttpClient();
    final State state = new State();

    int status(String method, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void nonLoopbackRedirectHostsAreRefused() {
        assertThrows(AuthenticationException.class, () -> LoopbackReceiver.start(URI.create("http://0.0.0.0:0/cb"), state));
        assertThrows(AuthenticationException.class, () -> LoopbackReceiver.start(URI.create("http://example.com:0/cb"), state));
        assertThrows(AuthenticationException.class, () -> LoopbackReceiver.start(URI.create("https://127.0.0.1:0/cb"), state));
    }

    @Test
    void onlyAGetOnTheRedirectPathIsACallback() throws Exception {
        try (LoopbackReceiver r = LoopbackReceiver.start(URI.create("http://127.0.0.1:0/cb"), state)) {
            URI ok = URI.create(r.redirectUri() + "?code=c1&state=" + state.getValue());
            assertEquals(404, status("POST", ok));
            assertEquals(404, status("GET", URI.create(r.redirectUri() + "x?code=c1&state=" + state.getValue())));
            assertEquals(400, status("GET", r.redirectUri()), "no code, no state");
            assertEquals(200, status("GET", ok));
            assertEquals(409, status("GET", ok), "a replayed callback is not accepted twice");
            assertEquals("c1", r.await(Duration.ofSeconds(1)).getValue());
        }
    }

    @Test
    void errorWithoutTheRightStateCannotAbortTheLogin() throws Exception {
        try (LoopbackReceiver r = LoopbackReceiver.start(URI.create("http://127.0.0.1:0/cb"), state)) {
            assertEquals(400, status("GET", URI.create(r.redirectUri() + "?error=access_denied&state=other")));
            assertEquals(400, status("GET", URI.create(r.redirectUri() + "?error=access_denied")));
            assertEquals(200, status("GET", URI.create(r.redirectUri() + "?code=real&state=" + state.getValue())));
            assertEquals("real", r.await(Duration.ofSeconds(1)).getValue());
        }
    }

    @Test
    void localhostBindsIpv4AndIpv6OnTheSamePort() throws Exception {
        assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback here");
        try (LoopbackReceiver r = LoopbackReceiver.start(URI.create("http://localhost:0/cb"), state)) {
            int port = r.redirectUri().getPort();
            assertEquals("localhost", r.redirectUri().getHost());
            assertEquals(404, status("GET", URI.create("http://127.0.0.1:" + port + "/favicon.ico")));
            assertEquals(200, status("GET", URI.create("http://[::1]:" + port + "/cb?code=c&state=" + state.getValue())));
        }
    }

    @Test
    void ipv6RedirectUriBindsIpv6Loopback() throws Exception {
        assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback here");
        try (LoopbackReceiver r = LoopbackReceiver.start(URI.create("http://[::1]:0/cb"), state)) {
            assertTrue(r.redirectUri().toString().startsWith("http://[::1]:"), r.redirectUri().toString());
            assertEquals(200, status("GET", URI.create(r.redirectUri() + "?code=c&state=" + state.getValue())));
        }
    }

    static boolean ipv6LoopbackAvailable() {
        try {
            InetAddress a = InetAddress.getByName("::1");
            return a instanceof Inet6Address && NetworkInterface.getByInetAddress(a) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
