package dev.flagpost.authn.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateFilterTest {
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/..%2Fauth/v1/tokens", "/api/v1/%2e%2e/auth", "/api/v1/x;jsessionid=1", "/api/v1/../auth/v1/tokens",
            "/api/v1/%252e", "/api/v1\\..\\auth", "/health/..", "/health/."})
    void encodedOrDotSegmentPathsAreAmbiguous(String raw) {
        assertTrue(GateFilter.isAmbiguous(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/namespaces/default/flags", "/evaluate/v1/boolean", "/auth/v1/method", "/"})
    void plainPathsAreNotAmbiguous(String raw) {
        assertFalse(GateFilter.isAmbiguous(raw));
    }
}
