package dev.flagpost.client.testing;

import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.StaticClientConfigStore;
import no.nav.security.mock.oauth2.MockOAuth2Server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/** mock-oauth2-server on 127.0.0.1 (never "localhost": its issuer follows the Host header). */
public final class MockIdp implements AutoCloseable {
    public static final String ISSUER_ID = "flagpost-test";
    private final MockOAuth2Server server = new MockOAuth2Server();

    public MockIdp() {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public MockOAuth2Server server() {
        return server;
    }

    public URI issuer() {
        return server.issuerUrl(ISSUER_ID).uri();
    }

    public URI tokenEndpoint() {
        return server.tokenEndpointUrl(ISSUER_ID).uri();
    }

    public URI metadataUrl() {
        return server.oauth2AuthorizationServerMetadataUrl(ISSUER_ID).uri();
    }

    public ClientConfig config() {
        return ClientConfig.builder()
                .issuer(issuer().toString())
                .tokenEndpoint(tokenEndpoint())
                .authorizationEndpoint(server.authorizationEndpointUrl(ISSUER_ID).uri())
                .redirectUri(URI.create("http://127.0.0.1:0/callback"))
                .clientId("flagpost-cli")
                .scopes(List.of("openid", "offline_access"))
                .build();
    }

    public StaticClientConfigStore store() {
        return new StaticClientConfigStore(config());
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
