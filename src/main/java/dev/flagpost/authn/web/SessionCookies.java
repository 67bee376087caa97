package dev.flagpost.authn.web;

import dev.flagpost.authn.config.SessionConfig;
import java.util.List;

/**
 * The two cookies of a browser session, formatted as Flipt sets them: the client token
 * ({@code flipt_client_token}, Path=/, HttpOnly, SameSite=Strict) and the login state
 * ({@code flipt_client_state}). Domain is the configured session domain, left out for localhost
 * (browsers reject Domain=localhost).
 */
public final class SessionCookies {
    public static final String TOKEN_COOKIE = "flipt_client_token";
    public static final String STATE_COOKIE = "flipt_client_state";

    private final SessionConfig session;

    public SessionCookies(SessionConfig session) {
        this.session = session;
    }

    /** {@code Set-Cookie} values that remove both cookies (logout, or a rejected cookie). */
    public List<String> clearing() {
        return List.of(clear(TOKEN_COOKIE, "/", "Strict"), clear(STATE_COOKIE, "/", "Lax"));
    }

    private String clear(String name, String path, String sameSite) {
        return name + "=; Path=" + path + domainAttribute() + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
                + (session.secure() ? "; Secure" : "") + "; HttpOnly; SameSite=" + sameSite;
    }

    private String domainAttribute() {
        if (!session.hasDomain() || session.domain().equalsIgnoreCase("localhost")) {
            return "";
        }
        return "; Domain=" + session.domain();
    }
}
