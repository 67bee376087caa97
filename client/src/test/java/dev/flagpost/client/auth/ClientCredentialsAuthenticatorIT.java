package dev.flagpost.client.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.StaticClientConfigStore;
import dev.flagpost.client.testing.MockIdp;
import dev.flagpost.client.testing.StubServer;
import dev.flagpost.client.testing.StubServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCredentialsAuthenticatorIT {
    static MockIdp idp;

    @BeforeAll
    static void start() {
        idp = new MockIdp();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void clientCredentialsGrantReturnsAnIdpTokenForTheMachineClient() throws Exception {
        ClientCredentialsAuthenticator a = new ClientCredentialsAuthenticator(idp.store(), "billing-service",
                "test-fixture-secret", Clock.systemUTC());
        Credentials c = a.authenticate();

        JWTClaimsSet claims = JWTParser.parse(c.accessToken()).getJWTClaimsSet();
        assertEquals(idp.issuer().toString(), claims.getIssuer());
        assertEquals("billing-service", claims.getSubject(), "mock uses the client id as subject");
    }

    @Test
    void refreshingClientCredentialsFetchesANewToken() {
        ClientCredentialsAuthenticator a = new ClientCredentialsAuthenticator(idp.store(), "billing-service",
                "test-fixture-secret", Clock.systemUTC());
        Credentials first = a.authenticate();
        assertNotEquals(first.accessToken(), a.refresh(first).accessToken());
    }

    @Test
    void basicAuthFormUrlEncodesBothClientIdAndSecret() {
        try (StubServer idpStub = new StubServer()) {
            idpStub.on("/token", r -> Reply.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60}"));
            ClientConfig config = ClientConfig.builder().tokenEndpoint(idpStub.uri("/token"))
                    .scopes(List.of("flags:read")).audience("https://flagpost.example").build();
            new ClientCredentialsAuthenticator(new StaticClientConfigStore(config), "svc:one/ä", "p@ss w:rd&",
                    Clock.systemUTC()).authenticate();

            StubServer.Recorded request = idpStub.requests.get(0);
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    "svc%3Aone%2F%C3%A4:p%40ss+w%3Ard%26".getBytes(StandardCharsets.US_ASCII));
            assertEquals(expected, request.header("Authorization"));
            assertTrue(request.body().contains("grant_type=client_credentials"), request.body());
            assertTrue(request.body().contains("scope=flags%3Aread"), request.body());
            assertTrue(request.body().contains("audience=https%3A%2F%2Fflagpost.example"), request.body());
        }
    }

    @Test
    void rejectedSecretSaysToCheckTheCredentials() {
        try (StubServer idpStub = new StubServer()) {
            idpStub.on("/token", r -> Reply.json(401, "{\"error\":\"invalid_client\"}"));
            ClientConfig config = ClientConfig.builder().tokenEndpoint(idpStub.uri("/token")).build();
            AuthenticationException e = assertThrows(AuthenticationException.class, () ->
                    new ClientCredentialsAuthenticator(new StaticClientConfigStore(config), "svc", "wrong", Clock.systemUTC())
                            .authenticate());
            assertTrue(e.getMessage().contains("invalid_client") && e.getMessage().contains("secret"), e.getMessage());
            assertTrue(!e.isTransient());
        }
    }
}
