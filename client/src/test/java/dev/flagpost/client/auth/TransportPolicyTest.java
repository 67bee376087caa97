package dev.flagpost.client.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8080", "127.9.9.9:1", "localhost:9000", "LOCALHOST", "[::1]:50051"})
    void loopbackPeersMayReceiveTokensInClearText(String authority) {
        assertTrue(TransportPolicy.isLoopback(authority), authority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "flagpost.example.com:80", "127.0.0.1.evil.example", "localhost.evil.example:80",
            "10.0.0.1:80", "0.0.0.0:80", "[::]:80", "[fe80::1]:80", "user@127.0.0.1:80@evil.example"})
    void everyOtherPeerIsNotLoopback(String authority) {
        assertFalse(TransportPolicy.isLoopback(authority), authority);
    }

    @Test
    void plainHttpToARemoteHostIsRefusedUnlessExplicitlyAllowed() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> TransportPolicy.checkHttp(URI.create("http://flagpost.example.com/auth/v1/self"), false));
        assertTrue(e.getMessage().contains("https"));
        assertDoesNotThrow(() -> TransportPolicy.checkHttp(URI.create("http://flagpost.example.com/x"), true));
        assertDoesNotThrow(() -> TransportPolicy.checkHttp(URI.create("https://flagpost.example.com/x"), false));
        assertDoesNotThrow(() -> TransportPolicy.checkHttp(URI.create("http://127.0.0.1:8080/x"), false));
    }
}
