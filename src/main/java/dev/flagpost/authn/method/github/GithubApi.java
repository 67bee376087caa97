package dev.flagpost.authn.method.github;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few GitHub REST calls a login needs, with the user's OAuth token. Lists follow the
 * {@code Link: <..>; rel="next"} pagination, but only to URLs under the configured API (the token
 * is never sent elsewhere). Any failure is {@link Failure}: the login ends with 502, not a session.
 */
final class GithubApi {
    static final int PER_PAGE = 100;
    static final int MAX_PAGES = 20;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /** GitHub answered with an error or something unreadable. */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record User(String id, String login, String name, String email, String avatarUrl) {
    }

    private final String apiUrl;
    private final HttpClient http;

    GithubApi(String apiUrl, HttpClient http) {
        this.apiUrl = apiUrl;
        this.http = http;
    }

    User user(String token) {
        Map<String, Object> u = object(get(token, apiUrl + "/user").body(), "/user");
        Object id = u.get("id");
        return new User(id == null ? null : String.valueOf(id instanceof Number n ? n.longValue() : id), str(u, "login"),
                str(u, "name"), str(u, "email"), str(u, "avatar_url"));
    }

    /** The primary, verified address from {@code /user/emails} (needs scope user:email), if any. */
    Optional<String> primaryVerifiedEmail(String token) {
        for (Object e : list(token, "/user/emails")) {
            if (e instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary")) && Boolean.TRUE.equals(m.get("verified"))
                    && m.get("email") instanceof String email) {
                return Optional.of(email);
            }
        }
        return Optional.empty();
    }

    List<String> organizations(String token) {
        List<String> out = new ArrayList<>();
        for (Object o : list(token, "/user/orgs")) {
            if (o instanceof Map<?, ?> m && m.get("login") instanceof String login) {
                out.add(login);
            }
        }
        return out;
    }

    /** org login → team slugs the user is in. */
    Map<String, List<String>> teams(String token) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object t : list(token, "/user/teams")) {
            if (t instanceof Map<?, ?> m && m.get("slug") instanceof String slug
                    && m.get("organization") instanceof Map<?, ?> org && org.get("login") instanceof String login) {
                out.computeIfAbsent(login, k -> new ArrayList<>()).add(slug);
            }
        }
        return out;
    }

    private List<Object> list(String token, String path) {
        List<Object> all = new ArrayList<>();
        String url = apiUrl + path + "?per_page=" + PER_PAGE;
        for (int page = 0; url != null; page++) {
            if (page == MAX_PAGES) {
                throw new Failure("GitHub API " + path + " has more than " + MAX_PAGES + " pages", null);
            }
            HttpResponse<String> r = get(token, url);
            try {
                all.addAll(JSONArrayUtils.parse(r.body()));
            } catch (java.text.ParseException e) {
                throw new Failure("GitHub API " + path + " answered with something that is not a JSON list", e);
            }
            url = next(r, path);
        }
        return all;
    }

    private String next(HttpResponse<String> r, String path) {
        Optional<String> link = r.headers().firstValue("Link");
        if (link.isEmpty()) {
            return null;
        }
        Matcher m = NEXT.matcher(link.get());
        if (!m.find()) {
            return null;
        }
        String next = m.group(1);
        if (!next.startsWith(apiUrl + "/")) {
            throw new Failure("GitHub API " + path + " pointed its next page outside " + apiUrl, null);
        }
        return next;
    }

    private HttpResponse<String> get(String token, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "flagpost")
                .GET().build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("GitHub API " + pathOf(url) + " could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while calling GitHub", e);
        }
        if (r.statusCode() != 200) {
            String limit = r.headers().firstValue("x-ratelimit-remaining").filter("0"::equals)
                    .map(x -> ", rate limit exhausted until " + r.headers().firstValue("x-ratelimit-reset").orElse("?")).orElse("");
            throw new Failure("GitHub API " + pathOf(url) + " answered " + r.statusCode() + limit + message(r.body()), null);
        }
        return r;
    }

    private static String message(String body) {
        try {
            Object m = JSONObjectUtils.parse(body).get("message");
            return m instanceof String s ? ": " + s : "";
        } catch (java.text.ParseException | RuntimeException e) {
            return "";
        }
    }

    private static Map<String, Object> object(String body, String path) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (java.text.ParseException e) {
            throw new Failure("GitHub API " + path + " answered with something that is not a JSON object", e);
        }
    }

    private static String str(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    private String pathOf(String url) {
        String p = url.startsWith(apiUrl) ? url.substring(apiUrl.length()) : url;
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }
}
