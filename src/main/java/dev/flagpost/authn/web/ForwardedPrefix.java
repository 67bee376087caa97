package dev.flagpost.authn.web;

import java.util.regex.Pattern;

/**
 * The path prefix a reverse proxy serves us under ({@code X-Forwarded-Prefix}, Flipt #3135), used in
 * login URLs and the post-login redirect. Only plain path segments are accepted, so the redirect
 * can never become {@code //evil.com}, {@code /\evil.com} or an absolute URL; anything else is ignored.
 */
public final class ForwardedPrefix {
    public static final String HEADER = "X-Forwarded-Prefix";
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private ForwardedPrefix() {
    }

    /** The prefix without a trailing slash, or "" when absent or unsafe. */
    public static String of(String header) {
        if (header == null) {
            return "";
        }
        String p = header.strip();
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (!SAFE.matcher(p).matches() || java.util.Arrays.stream(p.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
            return "";
        }
        return p;
    }

    /** Where the browser goes after a login: this application's root, under the proxy's prefix. */
    public static String home(String header) {
        return of(header) + "/";
    }
}
