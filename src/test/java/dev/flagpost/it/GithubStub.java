package dev.flagpost.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub cannot run here, so this replays its real HTTP shapes on loopback, laid out as GitHub
 * Enterprise (server at {@code /}, REST API at {@code /api/v3}): the OAuth authorize redirect and
 * token endpoint (errors as 200 + {@code "error"}, as GitHub does), {@code /user},
 * {@code /user/emails}, {@code /user/orgs} and {@code /user/teams} with {@code Link} pagination
 * (one item per page, to exercise it), 401 without a token, and rate-limit 403s with GitHub's headers.
 * Response bodies are trimmed copies of GitHub's documented examples.
 */
final class GithubStub {
    static final String CLIENT_ID = "Iv1.flagpost-test";
    static final String CLIENT_SECRET = "test-fixture-github-secret";

    /** A GitHub account the test can log in as (GitHub's authorize supports {@code login=} to pick one). */
    record Account(long id, String login, String name, String publicEmail, List<String> emails, List<String> orgs,
                   Map<String, List<String>> teams, int userStatus, int orgsStatus) {
    }

    private record Grant(Account account, String codeChallenge, String redirectUri) {
    }

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Account> tokens = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger tokenRequests = new java.util.concurrent.atomic.AtomicInteger();
    volatile String lastVerifierCheck = "none";

    GithubStub(List<Account> known) throws IOException {
        known.forEach(a -> accounts.put(a.login(), a));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token", this::accessToken);
        server.createContext("/api/v3/", this::api);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    /** The user approves at once: 302 back to the app with a code and the state, like github.com after consent. */
    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        Account account = accounts.get(q.getOrDefault("login", ""));
        if (account == null || !CLIENT_ID.equals(q.get("client_id"))) {
            send(ex, 404, "text/html", "<html><body>Not Found</body></html>", Map.of());
            return;
        }
        String code = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        codes.put(code, new Grant(account, q.get("code_challenge"), q.get("redirect_uri")));
        String location = q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        send(ex, 302, "text/html", "<html><body>You are being <a href=\"" + location + "\">redirected</a>.</body></html>",
                Map.of("Location", location));
    }

    private void accessToken(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            json(ex, 200, "{\"error\":\"incorrect_client_credentials\",\"error_description\":\"The client_id and/or client_secret passed are incorrect.\","
                    + "\"error_uri\":\"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials\"}", Map.of());
            return;
        }
        Grant grant = codes.remove(f.getOrDefault("code", ""));
        if (grant == null || !grant.redirectUri().equals(f.get("redirect_uri")) || !verifierMatches(grant, f.get("code_verifier"))) {
            json(ex, 200, "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\","
                    + "\"error_uri\":\"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code\"}", Map.of());
            return;
        }
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, grant.account());
        json(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:org,user:email\"}", Map.of());
    }

    private boolean verifierMatches(Grant grant, String verifier) {
        if (grant.codeChallenge() == null) {
            lastVerifierCheck = "no challenge";
            return verifier == null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier == null ? new byte[0] : verifier.getBytes(StandardCharsets.US_ASCII));
            boolean ok = verifier != null && Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(grant.codeChallenge());
            lastVerifierCheck = ok ? "S256 ok" : "S256 mismatch";
            return ok;
        } catch (Exception e) {
            return false;
        }
    }

    private void api(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Account a = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (a == null) {
            json(ex, 401, "{\"message\":\"Requires authentication\",\"documentation_url\":\"https://docs.github.com/rest/users/users#get-the-authenticated-user\",\"status\":\"401\"}", Map.of());
            return;
        }
        String path = ex.getRequestURI().getPath().substring("/api/v3".length());
        int page = Integer.parseInt(form(ex.getRequestURI().getRawQuery()).getOrDefault("page", "1"));
        switch (path) {
            case "/user" -> {
                if (a.userStatus() != 200) {
                    json(ex, a.userStatus(), "{\"message\":\"Server Error\"}", Map.of());
                    return;
                }
                json(ex, 200, "{\"login\":\"" + a.login() + "\",\"id\":" + a.id() + ",\"node_id\":\"MDQ6VXNlcjE=\",\"avatar_url\":\"https://github.com/images/error/"
                        + a.login() + "_happy.gif\",\"type\":\"User\",\"site_admin\":false,\"name\":" + quote(a.name()) + ",\"company\":\"GitHub\","
                        + "\"email\":" + quote(a.publicEmail()) + ",\"public_repos\":2,\"created_at\":\"2008-01-14T04:33:35Z\"}", Map.of());
            }
            case "/user/emails" -> paged(ex, path, page, a.emails().stream().map(e -> "{\"email\":\"" + e + "\",\"verified\":" + !e.startsWith("unverified")
                    + ",\"primary\":" + (e.equals(a.emails().get(a.emails().size() - 1))) + ",\"visibility\":\"private\"}").toList());
            case "/user/orgs" -> {
                if (a.orgsStatus() == 403) {
                    json(ex, 403, "{\"message\":\"API rate limit exceeded for user ID " + a.id() + ".\",\"documentation_url\":"
                            + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"403\"}",
                            Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0", "x-ratelimit-used", "5000",
                                    "x-ratelimit-reset", "1795400000", "x-ratelimit-resource", "core"));
                    return;
                }
                paged(ex, path, page, a.orgs().stream().map(o -> "{\"login\":\"" + o + "\",\"id\":" + Math.abs(o.hashCode())
                        + ",\"url\":\"https://api.github.com/orgs/" + o + "\",\"description\":\"\"}").toList());
            }
            case "/user/teams" -> {
                List<String> items = new java.util.ArrayList<>();
                a.teams().forEach((org, slugs) -> slugs.forEach(s -> items.add("{\"id\":1,\"name\":\"" + s + "\",\"slug\":\"" + s
                        + "\",\"privacy\":\"closed\",\"permission\":\"admin\",\"organization\":{\"login\":\"" + org + "\",\"id\":1}}")));
                paged(ex, path, page, items);
            }
            default -> json(ex, 404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}", Map.of());
        }
    }

    private void paged(HttpExchange ex, String path, int page, List<String> items) throws IOException {
        String body = page <= items.size() ? "[" + items.get(page - 1) + "]" : "[]";
        Map<String, String> headers = new LinkedHashMap<>();
        String base = url() + "/api/v3" + path + "?per_page=100&page=";
        if (page < items.size()) {
            headers.put("Link", "<" + base + (page + 1) + ">; rel=\"next\", <" + base + items.size() + ">; rel=\"last\"");
        }
        headers.put("x-ratelimit-remaining", "4999");
        json(ex, 200, body, headers);
    }

    private static void json(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        send(ex, status, "application/json; charset=utf-8", body, headers);
    }

    private static void send(HttpExchange ex, int status, String type, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
