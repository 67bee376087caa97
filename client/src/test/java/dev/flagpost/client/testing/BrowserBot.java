package dev.flagpost.client.testing;

import dev.flagpost.client.auth.BrowserLauncher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Plays the user's browser: fetches the authorization URL (mock-oauth2-server, non-interactive,
 * redirects straight back with a code), then follows the redirect to the loopback receiver.
 */
public final class BrowserBot implements BrowserLauncher {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final UnaryOperator<URI> callbackRewrite;
    private final List<String> beforeCallback;
    public final List<URI> authorizationUrls = new CopyOnWriteArrayList<>();
    public final List<HttpResponse<String>> callbackResponses = new CopyOnWriteArrayList<>();

    /** @param beforeCallback paths fetched on the loopback server before the real callback (e.g. /favicon.ico) */
    public BrowserBot(UnaryOperator<URI> callbackRewrite, List<String> beforeCallback) {
        this.callbackRewrite = callbackRewrite;
        this.beforeCallback = beforeCallback;
    }

    public BrowserBot() {
        this(UnaryOperator.identity(), List.of());
    }

    @Override
    public void open(URI authorizationUrl) {
        authorizationUrls.add(authorizationUrl);
        try {
            HttpResponse<String> idp = http.send(HttpRequest.newBuilder(authorizationUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            URI callback = URI.create(idp.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("IdP did not redirect: HTTP " + idp.statusCode() + " " + idp.body())));
            for (String path : beforeCallback) {
                URI stray = URI.create(callback.getScheme() + "://" + callback.getRawAuthority() + path);
                callbackResponses.add(get(stray));
            }
            callbackResponses.add(get(callbackRewrite.apply(callback)));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("browser bot failed", e);
        }
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
