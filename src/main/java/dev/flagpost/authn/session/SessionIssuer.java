package dev.flagpost.authn.session;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.SessionConfig;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.web.SessionCookies;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Ends a successful browser login: a fresh client token, stored (hash only) as an authentication of
 * the login's method that expires after {@code session.token_lifetime}, and the cookie that carries
 * it. The authentication row is the session: logout deletes or expires it, and the cookie dies
 * with it (docs/methods/oidc.md).
 */
public final class SessionIssuer {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");

    private final TokenCreator tokens;
    private final SessionConfig config;
    private final SessionCookies cookies;
    private final Clock clock;

    public SessionIssuer(TokenCreator tokens, SessionConfig config, SessionCookies cookies, Clock clock) {
        this.tokens = tokens;
        this.config = config;
        this.cookies = cookies;
        this.clock = clock;
    }

    /** A new session; {@code setCookie} is the {@code Set-Cookie} value, the only place the token goes. */
    public record Session(Authentication authentication, String setCookie) {
        @Override
        public String toString() {
            return "Session[" + authentication.id() + "]";
        }
    }

    public Session issue(Method method, Map<String, String> metadata) {
        Instant expiresAt = clock.instant().plus(config.tokenLifetime());
        TokenCreator.Created created = tokens.issue(method, expiresAt, metadata);
        Authentication a = created.authentication();
        AUDIT.info(() -> "session created: id=" + a.id() + " method=" + method.wireName() + " expires=" + expiresAt);
        return new Session(a, cookies.session(created.clientToken(), expiresAt));
    }
}
