package dev.flagpost.authn.config;

import dev.flagpost.config.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Browser session settings. {@code domain} is stored without scheme or port (users often paste a
 * URL); defaults: secure false, token lifetime 24h, state lifetime 10m, no CSRF key.
 */
public record SessionConfig(String domain, boolean secure, Duration tokenLifetime, Duration stateLifetime,
                            String csrfKey, List<String> csrfTrustedOrigins) {
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(24);
    public static final Duration DEFAULT_STATE_LIFETIME = Duration.ofMinutes(10);

    public SessionConfig {
        domain = stripSchemeAndPort(domain);
        csrfTrustedOrigins = csrfTrustedOrigins == null ? List.of() : List.copyOf(csrfTrustedOrigins);
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw InvalidConfigException.of("token_lifetime", "positive non-zero duration required", "for example 24h");
        }
        if (stateLifetime == null || stateLifetime.isNegative() || stateLifetime.isZero()) {
            throw InvalidConfigException.of("state_lifetime", "positive non-zero duration required", "for example 10m");
        }
        for (String origin : csrfTrustedOrigins) {
            URI uri = parseOrigin(origin);
            if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                throw InvalidConfigException.of("csrf.trusted_origins", "\"" + origin + "\" is not an origin",
                        "write scheme://host[:port], e.g. https://flags.example.com");
            }
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(null, false, DEFAULT_TOKEN_LIFETIME, DEFAULT_STATE_LIFETIME, null, List.of());
    }

    public boolean hasDomain() {
        return domain != null && !domain.isEmpty();
    }

    private static URI parseOrigin(String origin) {
        try {
            return new URI(origin);
        } catch (Exception e) {
            return null;
        }
    }

    static String stripSchemeAndPort(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String d = domain.strip();
        int scheme = d.indexOf("://");
        if (scheme >= 0) {
            d = d.substring(scheme + 3);
        }
        int slash = d.indexOf('/');
        if (slash >= 0) {
            d = d.substring(0, slash);
        }
        int colon = d.lastIndexOf(':');
        if (colon >= 0 && !d.endsWith("]")) {
            d = d.substring(0, colon);
        }
        return d;
    }
}
