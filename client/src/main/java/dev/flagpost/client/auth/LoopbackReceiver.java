package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The PKCE redirect target: a one-shot HTTP server on the loopback address the redirect URI names
 * (RFC 8252 §7.3). Requests to other paths (favicon.ico, probes) and callbacks with a wrong or
 * missing state are answered and ignored, so they can neither hang nor abort the login.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoopbackReceiver.class.getName());

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flagpost-loopback");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<AuthorizationCode> result = new CompletableFuture<>();
    private final State expectedState;
    private final String path;
    private final URI redirectUri;

    private LoopbackReceiver(URI configured, State expectedState) throws IOException {
        this.expectedState = expectedState;
        this.path = configured.getRawPath() == null || configured.getRawPath().isEmpty() ? "/" : configured.getRawPath();
        List<InetAddress> addresses = loopbackAddresses(configured.getHost());
        int port = Math.max(configured.getPort(), 0);
        for (InetAddress address : addresses) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
                server.createContext("/", this::handle);
                server.setExecutor(executor);
                server.start();
                servers.add(server);
                port = server.getAddress().getPort(); // the second address reuses the first's port
            } catch (IOException e) {
                if (servers.isEmpty() && address == addresses.get(addresses.size() - 1)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "could not bind " + address + ": " + e.getMessage());
            }
        }
        if (servers.isEmpty()) {
            throw new IOException("could not bind any loopback address for " + configured);
        }
        this.redirectUri = URI.create(configured.getScheme() + "://" + configured.getRawAuthority()
                .replaceFirst(":\\d+$", "") + ":" + port + path);
    }

    /** Starts listening; the returned receiver's {@link #redirectUri()} carries the bound port. */
    static LoopbackReceiver start(URI configuredRedirectUri, State expectedState) {
        if (!"http".equalsIgnoreCase(configuredRedirectUri.getScheme())) {
            throw new AuthenticationException("the redirect URI " + configuredRedirectUri
                    + " must be an http loopback URI such as http://127.0.0.1:0/callback");
        }
        try {
            return new LoopbackReceiver(configuredRedirectUri, expectedState);
        } catch (IOException e) {
            throw new AuthenticationException("could not listen on " + configuredRedirectUri + " (" + e.getMessage()
                    + "); free that port or use `flagpost login --device`", e);
        }
    }

    private static List<InetAddress> loopbackAddresses(String host) throws IOException {
        String h = host == null ? "" : host.replace("[", "").replace("]", "");
        return switch (h) {
            case "127.0.0.1" -> List.of(InetAddress.getByName("127.0.0.1"));
            case "::1", "0:0:0:0:0:0:0:1" -> List.of(InetAddress.getByName("::1"));
            case "localhost" -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            default -> throw new IOException("redirect host " + host + " is not a loopback address");
        };
    }

    URI redirectUri() {
        return redirectUri;
    }

    /** Waits for the browser's callback. */
    AuthorizationCode await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AuthenticationException("no login callback arrived within " + timeout.toSeconds()
                    + " s; run `flagpost login` again, or `flagpost login --device` where no browser can reach this machine", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuthenticationException a ? a
                    : new AuthenticationException("login failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("login interrupted", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !path.equals(exchange.getRequestURI().getRawPath())) {
                respond(exchange, 404, "Not found", "This address only receives the login callback.");
                return;
            }
            if (result.isDone()) {
                respond(exchange, 409, "Already done", "This login has already finished; you can close this tab.");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query == null || URLUtils.parseParameters(query).values().stream().anyMatch(v -> v.size() != 1)) {
                // Repeated parameters are ambiguous (which code? which state?): refuse, keep waiting.
                respond(exchange, 400, "Bad request", "This is not a login callback.");
                return;
            }
            AuthorizationResponse response;
            try {
                response = AuthorizationResponse.parse(URI.create(redirectUri + (query == null ? "" : "?" + query)));
            } catch (ParseException | IllegalArgumentException e) {
                respond(exchange, 400, "Bad request", "This is not a login callback.");
                return;
            }
            if (response.getState() == null || !Fingerprint.same(expectedState.getValue(), response.getState().getValue())) {
                // A forged or stale callback: refuse it but keep waiting for the real one.
                LOG.log(System.Logger.Level.WARNING, "ignored a login callback with a wrong state");
                respond(exchange, 400, "Login not accepted", "The callback did not match this login attempt.");
                return;
            }
            if (response instanceof AuthorizationErrorResponse error) {
                ErrorObject e = error.getErrorObject();
                respond(exchange, 200, "Login failed", "The identity provider said: " + e.getCode()
                        + (e.getDescription() == null ? "" : " — " + e.getDescription())
                        + ". You can close this tab and return to the terminal.");
                result.completeExceptionally(new AuthenticationException("the identity provider refused the login: "
                        + e.getCode() + (e.getDescription() == null ? "" : " (" + e.getDescription() + ")")
                        + "; check your account's access and run `flagpost login` again"));
                return;
            }
            AuthorizationCode code = ((AuthorizationSuccessResponse) response).getAuthorizationCode();
            if (code == null) {
                respond(exchange, 400, "Bad request", "The callback carried no authorization code.");
                return;
            }
            respond(exchange, 200, "Login complete", "You are logged in to Flagpost. You can close this tab.");
            result.complete(code);
        }
    }

    private static void respond(HttpExchange exchange, int status, String title, String message) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Flagpost: " + html(title)
                + "</title></head><body><h1>" + html(title) + "</h1><p>" + html(message) + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The IdP's error text is attacker-influenced: never reflect it unescaped. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }
}
