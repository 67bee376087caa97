package dev.flagpost.authn.web;

import static dev.flagpost.authn.web.RoutePolicy.Access.OPEN;
import static dev.flagpost.authn.web.RoutePolicy.Access.PUBLIC;
import static dev.flagpost.authn.web.RoutePolicy.Access.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.testing.Configs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePolicyTest {
    static RoutePolicy policy(String yaml) {
        AuthenticationConfig c = Configs.load(yaml).authentication();
        return new RoutePolicy(c);
    }

    static final RoutePolicy REQUIRED_ALL = policy("authentication: {required: true, methods: {token: {enabled: true}}}");
    static final RoutePolicy EXCLUDED_ALL = policy(
            "authentication: {required: true, exclude: {management: true, evaluation: true, ofrep: true}, methods: {token: {enabled: true}}}");
    static final RoutePolicy NOT_REQUIRED = policy("authentication: {required: false}");

    @ParameterizedTest
    @CsvSource({
            "GET,/auth/v1/method,PUBLIC,PUBLIC,PUBLIC",
            "POST,/auth/v1/method,REQUIRED,REQUIRED,REQUIRED",
            "GET,/auth/v1/method/oidc/google/authorize,PUBLIC,PUBLIC,PUBLIC",
            "GET,/auth/v1/method/oidc/google/callback,PUBLIC,PUBLIC,PUBLIC",
            "GET,/auth/v1/method/github/callback,PUBLIC,PUBLIC,PUBLIC",
            "POST,/auth/v1/method/kubernetes/serviceaccount,PUBLIC,PUBLIC,PUBLIC",
            "POST,/auth/v1/method/token,REQUIRED,REQUIRED,REQUIRED",
            "GET,/auth/v1/self,REQUIRED,REQUIRED,REQUIRED",
            "GET,/auth/v1/tokens,REQUIRED,REQUIRED,REQUIRED",
            "GET,/api/v1/namespaces,REQUIRED,OPEN,OPEN",
            "GET,/api/v1,REQUIRED,OPEN,OPEN",
            "GET,/api/v10/x,REQUIRED,REQUIRED,OPEN",
            "POST,/evaluate/v1/boolean,REQUIRED,OPEN,OPEN",
            "GET,/internal/v1/evaluation/snapshot/namespace/default,REQUIRED,OPEN,OPEN",
            "POST,/ofrep/v1/evaluate/flags,REQUIRED,OPEN,OPEN",
            "GET,/meta/info,REQUIRED,REQUIRED,OPEN",
            "GET,/health/ready,PUBLIC,PUBLIC,PUBLIC",
            "GET,/,PUBLIC,PUBLIC,PUBLIC",
            "GET,/assets/app.js,PUBLIC,PUBLIC,PUBLIC",
            "GET,/somewhere/else,REQUIRED,REQUIRED,OPEN"})
    void routesAreClassified(String method, String path, RoutePolicy.Access required, RoutePolicy.Access excluded,
                             RoutePolicy.Access notRequired) {
        assertEquals(required, REQUIRED_ALL.classify(method, path), "required");
        assertEquals(excluded, EXCLUDED_ALL.classify(method, path), "all excluded");
        assertEquals(notRequired, NOT_REQUIRED.classify(method, path), "not required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/..%2Fauth/v1/tokens", "/api/v1/%2e%2e/auth", "/api/v1/x;jsessionid=1", "/api/v1/../auth/v1/tokens",
            "/api/v1/%252e", "/api/v1\\..\\auth"})
    void encodedOrDotSegmentPathsAreAmbiguous(String raw) {
        assertTrue(FlagpostAuthenticationMechanism.isAmbiguous(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/namespaces/default/flags", "/evaluate/v1/boolean", "/auth/v1/method"})
    void plainPathsAreNotAmbiguous(String raw) {
        assertFalse(FlagpostAuthenticationMechanism.isAmbiguous(raw));
    }
}
