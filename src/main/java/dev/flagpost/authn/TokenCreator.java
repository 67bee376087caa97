package dev.flagpost.authn;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.store.AuthenticationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Mints every stored client token: CreateToken, the bootstrap token, and the tokens other methods
 * issue (sessions, Kubernetes). The plaintext leaves only in the result.
 */
public final class TokenCreator {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_METADATA_ENTRIES = 64;

    private final AuthenticationStore store;
    private final ClientTokenGenerator generator;
    private final Clock clock;

    public TokenCreator(AuthenticationStore store, ClientTokenGenerator generator, Clock clock) {
        this.store = store;
        this.generator = generator;
        this.clock = clock;
    }

    /** A token and who it makes you; the token is shown once. */
    public record Created(String clientToken, Authentication authentication) {
        @Override
        public String toString() {
            return "Created[" + authentication.id() + "]";
        }
    }

    /** CreateToken: Flipt's metadata keys win over the request's {@code metadata}. */
    public Created create(String name, String description, Instant expiresAt, String namespaceKey,
                          Map<String, String> metadata, Authentication caller) {
        if (name == null || name.isBlank()) {
            throw FliptException.invalidArgument("name is required");
        }
        if (name.length() > MAX_NAME || (description != null && description.length() > MAX_DESCRIPTION)) {
            throw FliptException.invalidArgument("name or description is too long");
        }
        if (metadata != null && metadata.size() > MAX_METADATA_ENTRIES) {
            throw FliptException.invalidArgument("metadata has more than " + MAX_METADATA_ENTRIES + " entries");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw FliptException.invalidArgument("expiresAt must be in the future");
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        meta.put(Authentication.META_TOKEN_NAME, name);
        if (description != null && !description.isEmpty()) {
            meta.put(Authentication.META_TOKEN_DESCRIPTION, description);
        }
        if (namespaceKey != null && !namespaceKey.isEmpty()) {
            meta.put(Authentication.META_TOKEN_NAMESPACE, namespaceKey);
        }
        Created created = issue(Method.TOKEN, expiresAt, meta);
        AUDIT.info(() -> "client token created: id=" + created.authentication().id() + " name=" + name
                + (caller == null ? "" : " by=" + caller.id()));
        return created;
    }

    /** Issues a token with a given plaintext (bootstrap with {@code bootstrap.token}) or a fresh one. */
    public Created issue(String plaintext, Instant expiresAt, Map<String, String> metadata) {
        String token = plaintext != null ? plaintext : generator.generate();
        return new Created(token, store.create(token, Method.TOKEN, expiresAt, metadata));
    }

    /** A fresh token for an authentication of {@code method} (a login of another method). */
    public Created issue(Method method, Instant expiresAt, Map<String, String> metadata) {
        String token = generator.generate();
        return new Created(token, store.create(token, method, expiresAt, metadata));
    }
}
