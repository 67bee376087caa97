package dev.flagpost.authn.session;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokenGenerator;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.SessionConfig;
import dev.flagpost.authn.store.AuthenticationStore;
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

    private final AuthenticationStore store;
    private final ClientTokenGenerator tokens;
    private final SessionConfig config;
    private final SessionCookies cookies;
    private final Clock clock;

    public SessionIssuer(AuthenticationStore store, ClientTokenGenerator tokens, SessionConfig config, SessionCookies cookies, Clock clock) {
        this.store = store;
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
        String token = tokens.generate();
        Authentication a = store.create(token, method, expiresAt, metadata);
        AUDIT.info(() -> "session created: id=" + a.id() + " method=" + method.wireName() + " expires=" + expiresAt);
        return new Session(a, cookies.session(token, expiresAt));
    }
}
