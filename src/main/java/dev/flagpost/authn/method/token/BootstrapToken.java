package dev.flagpost.authn.method.token;

import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.store.AuthenticationStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flipt's bootstrap: on start, when no token authentication exists yet, create one so that the
 * first operator can get in. A generated token is printed once to the console; a configured one is
 * not (its owner knows it), only its hash prefix.
 */
public final class BootstrapToken {
    public static final String NAME = "initial_bootstrap_token";
    public static final String DESCRIPTION = "Initial token created when bootstrapping authentication";

    private BootstrapToken() {
    }

    public static Optional<TokenCreator.Created> ensure(TokenMethodConfig config, AuthenticationStore store,
                                                        TokenCreator creator, Clock clock, PrintStream console) {
        if (!config.enabled() || store.exists(Method.TOKEN)) {
            return Optional.empty();
        }
        TokenMethodConfig.Bootstrap b = config.bootstrap();
        // Flipt's defaults first, then the configured metadata on top (as Flipt applies its options).
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(Authentication.META_TOKEN_NAME, NAME);
        meta.put(Authentication.META_TOKEN_DESCRIPTION, DESCRIPTION);
        meta.putAll(b.metadata());
        Instant expiresAt = b.expiration() == null || b.expiration().isZero() ? null : clock.instant().plus(b.expiration());
        TokenCreator.Created created = creator.issue(b.token(), expiresAt, meta);
        String id = created.authentication().id();
        if (b.token() == null) {
            console.println("""

                    ===================================================================
                     Flagpost bootstrap client token (shown once, store it safely):

                       %s

                     Use it as:  Authorization: Bearer <token>
                     id: %s%s
                    ===================================================================
                    """.formatted(created.clientToken(), id, expiresAt == null ? "" : ", expires " + expiresAt));
        } else {
            console.println("Flagpost bootstrap client token created from authentication.methods.token.bootstrap.token"
                    + " (id " + id + ", sha256 " + ClientTokens.hash(b.token()).substring(0, 8) + "...)");
        }
        console.flush();
        return Optional.of(created);
    }
}
