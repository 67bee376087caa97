package dev.flagpost.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a browser in login tests: follows nothing by itself (each redirect is a step the test
 * sees), keeps cookies per host with their Path, and sends them back the way a browser would.
 */
final class Browser {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    record Cookie(String name, String value, String path) {
    }

    record Page(int status, String body, java.net.http.HttpHeaders headers, URI uri) {
        String location() {
            return headers.firstValue("Location").orElseThrow(() -> new AssertionError("no Location (" + status + "): " + body));
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }
    }

    /** host:port → cookie name → cookie. */
    private final Map<String, Map<String, Cookie>> jar = new LinkedHashMap<>();

    Page get(URI uri, String... headers) {
        return send("GET", uri, null, headers);
    }

    Page postForm(URI uri, String form, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/x-www-form-urlencoded";
        return send("POST", uri, form, all);
    }

    Page send(String method, URI uri, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        String cookies = cookieHeader(uri);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").forEach(c -> store(uri, c));
            return new Page(r.statusCode(), r.body(), r.headers(), uri);
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JSON body, or an assertion failure that shows it. */
    static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** The decoded query parameters of a URL (first value wins). */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return out;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            out.putIfAbsent(name, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    String cookie(URI uri, String name) {
        Cookie c = jar.getOrDefault(key(uri), Map.of()).get(name);
        return c == null ? null : c.value();
    }

    void forget(URI uri, String name) {
        jar.getOrDefault(key(uri), new LinkedHashMap<>()).remove(name);
    }

    void set(URI uri, String name, String value, String path) {
        jar.computeIfAbsent(key(uri), k -> new LinkedHashMap<>()).put(name, new Cookie(name, value, path));
    }

    private void store(URI uri, String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        String path = "/";
        boolean expired = value.isEmpty();
        for (String p : parts) {
            String a = p.strip();
            if (a.regionMatches(true, 0, "Path=", 0, 5)) {
                path = a.substring(5);
            }
            if (a.equalsIgnoreCase("Max-Age=0")) {
                expired = true;
            }
        }
        Map<String, Cookie> cookies = jar.computeIfAbsent(key(uri), k -> new LinkedHashMap<>());
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, new Cookie(name, value, path));
        }
    }

    private String cookieHeader(URI uri) {
        List<String> out = new ArrayList<>();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (Cookie c : jar.getOrDefault(key(uri), Map.of()).values()) {
            if (path.startsWith(c.path())) {
                out.add(c.name() + "=" + c.value());
            }
        }
        return String.join("; ", out);
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
