package dev.flagpost.client.http;

import dev.flagpost.client.auth.Credentials;
import dev.flagpost.client.auth.TokenSource;
import dev.flagpost.client.auth.TransportPolicy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Wraps {@link HttpClient}: adds the token to each request and, on 401, renews it and resends the
 * request once. 403 is returned as is (a new token would not grant more rights). Request bodies
 * must be re-readable, which all {@link HttpRequest.BodyPublishers} factories are.
 */
public final class AuthenticatedHttpClient {
    private final HttpClient http;
    private final TokenSource tokens;
    private final boolean allowInsecure;

    /** Refuses plain http except to loopback addresses. */
    public AuthenticatedHttpClient(HttpClient http, TokenSource tokens) {
        this(http, tokens, false);
    }

    /** @param allowInsecure send tokens over plain http to any host (trusted networks only) */
    public AuthenticatedHttpClient(HttpClient http, TokenSource tokens, boolean allowInsecure) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.allowInsecure = allowInsecure;
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        TransportPolicy.checkHttp(request.uri(), allowInsecure);
        Credentials c = tokens.credentials();
        HttpResponse<T> response = http.send(withToken(request, c), handler);
        if (response.statusCode() != 401) {
            return response;
        }
        Credentials renewed = tokens.onRejected(c.accessToken());
        return http.send(withToken(request, renewed), handler);
    }

    /**
     * Asynchronous variant. Token acquisition and renewal may block (an interactive login), so they
     * run on {@code renewExecutor}, never on the HTTP client's threads.
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            Executor renewExecutor) {
        TransportPolicy.checkHttp(request.uri(), allowInsecure);
        return CompletableFuture.supplyAsync(tokens::credentials, renewExecutor).thenCompose(c ->
                http.sendAsync(withToken(request, c), handler).thenCompose(response -> response.statusCode() != 401
                        ? CompletableFuture.completedFuture(response)
                        : CompletableFuture.supplyAsync(() -> tokens.onRejected(c.accessToken()), renewExecutor)
                        .thenCompose(renewed -> http.sendAsync(withToken(request, renewed), handler))));
    }

    private HttpRequest withToken(HttpRequest request, Credentials c) {
        String key = tokens.headerKey();
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(key))
                .header(key, c.headerValue())
                .build();
    }
}
