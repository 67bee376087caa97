package dev.flagpost.config;

import java.net.URI;

/** The one check config records make of URLs they will call or redirect to. */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** An absolute http(s) URL with a host. */
    public static boolean isHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI u = new URI(value);
            return u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }
}
