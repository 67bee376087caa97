package dev.flagpost.client.http;

import java.net.http.HttpClient;

/**
 * The {@code java.net.http} clients the SDK and CLI create themselves. HTTP/1.1 only: on an
 * {@code http://} URL the JDK's default (HTTP/2) sends an h2c upgrade, which Open Liberty (and so
 * Flagpost) answers with an empty body that fails JSON parsing — found by the server's
 * CliEndToEndIT. Over TLS, HTTP/2 would work, but these small JSON calls gain nothing from it.
 */
public final class HttpClients {
    private HttpClients() {
    }

    public static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    }
}
