package dev.flagpost.authn.web;

import dev.flagpost.authn.config.SessionConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

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

    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The session cookie for a fresh client token; it expires with the session. */
    public String session(String clientToken, Instant expiresAt) {
        return TOKEN_COOKIE + "=" + clientToken + "; Path=/" + domainAttribute() + "; Expires=" + EXPIRES.format(expiresAt)
                + (session.secure() ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
    }

    /**
     * The state cookie of a login, scoped to that provider's callback path: the browser sends it
     * to that callback only. SameSite=Lax, because the callback is a top-level cross-site redirect.
     */
    public String state(String encodedState, String callbackPath, Instant expiresAt) {
        return STATE_COOKIE + "=" + encodedState + "; Path=" + callbackPath + domainAttribute()
                + "; Expires=" + EXPIRES.format(expiresAt) + (session.secure() ? "; Secure" : "") + "; HttpOnly; SameSite=Lax";
    }

    /** Removes the state cookie of one callback path (after the callback used it). */
    public String clearState(String callbackPath) {
        return clear(STATE_COOKIE, callbackPath, "Lax");
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
