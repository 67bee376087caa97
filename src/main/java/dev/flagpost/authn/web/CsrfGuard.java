package dev.flagpost.authn.web;

import dev.flagpost.authn.config.SessionConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF defence when {@code session.csrf.key} is set, in two layers that must both hold:
 * <ol>
 * <li>Origin: an unsafe request from another site is refused, judged by {@code Sec-Fetch-Site}
 *     when the browser sends it, else by {@code Origin} against {@code Host}; trusted origins pass.
 *     Requests without either header (curl, SDKs) are not from a browser page and pass.</li>
 * <li>Token: an unsafe request authenticated by the session cookie must carry {@code X-CSRF-Token},
 *     an HMAC of the session's id under the key. The UI reads it from {@code GET /meta/info}.
 *     Bearer and JWT callers are exempt: a browser never attaches those by itself.</li>
 * </ol>
 */
public final class CsrfGuard {
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SecretKeySpec key;
    private final Set<String> trustedOrigins;

    public CsrfGuard(SessionConfig session) {
        this.key = session.csrfKey() == null || session.csrfKey().isEmpty() ? null
                : new SecretKeySpec(session.csrfKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.trustedOrigins = session.csrfTrustedOrigins().stream().map(CsrfGuard::normalise).collect(Collectors.toSet());
    }

    public boolean enabled() {
        return key != null;
    }

    public static boolean unsafe(String httpMethod) {
        return !SAFE_METHODS.contains(httpMethod);
    }

    /** Why this unsafe request looks cross-site, or null when it does not. */
    public String crossSiteReason(String secFetchSite, String origin, String host) {
        if (origin != null && trustedOrigins.contains(normalise(origin))) {
            return null;
        }
        if (secFetchSite != null) {
            String site = secFetchSite.strip().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none") ? null : "Sec-Fetch-Site is " + site;
        }
        if (origin == null) {
            return null;
        }
        String originHost = authority(origin);
        if (originHost == null || host == null || !originHost.equalsIgnoreCase(host.strip())) {
            return "Origin " + origin + " does not match Host " + host;
        }
        return null;
    }

    /** The token for a session; the same for the session's whole life, useless for another one. */
    public String tokenFor(String authenticationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(("flagpost-csrf\0" + authenticationId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public boolean tokenMatches(String authenticationId, String presented) {
        return presented != null && MessageDigest.isEqual(tokenFor(authenticationId).getBytes(StandardCharsets.US_ASCII),
                presented.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static String authority(String origin) {
        try {
            URI u = new URI(origin.strip());
            if (u.getHost() == null) {
                return null;
            }
            return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (Exception e) {
            return null;
        }
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
