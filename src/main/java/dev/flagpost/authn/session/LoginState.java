package dev.flagpost.authn.session;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code state} of a login, in Flipt's format: base64url(JSON{security_token, original_state}).
 * The same value goes to the provider as {@code state} and into the state cookie; the callback
 * accepts a state only when it equals the cookie (so it is bound to this browser).
 */
public record LoginState(String securityToken, String originalState) {
    /** Longer than anything we issue; a bigger cookie or parameter is refused unparsed. */
    static final int MAX_ENCODED = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LoginState fresh(String originalState) {
        return new LoginState(randomToken(), originalState == null ? "" : originalState);
    }

    /** 256 bits from SecureRandom, base64url without padding (also used for nonces and PKCE verifiers). */
    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String encode() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("security_token", securityToken);
        json.put("original_state", originalState);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The state, when the parameter and the cookie are present, equal (compared in constant time)
     * and well formed; empty otherwise.
     */
    public static Optional<LoginState> verify(String stateParameter, String stateCookie) {
        if (stateParameter == null || stateCookie == null || stateParameter.isEmpty()
                || stateParameter.length() > MAX_ENCODED || stateCookie.length() > MAX_ENCODED) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(stateParameter.getBytes(StandardCharsets.UTF_8), stateCookie.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(stateParameter), StandardCharsets.UTF_8));
            Object token = json.get("security_token");
            Object original = json.get("original_state");
            if (!(token instanceof String t) || t.length() < 32) {
                return Optional.empty();
            }
            return Optional.of(new LoginState(t, original instanceof String o ? o : ""));
        } catch (IllegalArgumentException | java.text.ParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "LoginState[hidden]";
    }
}
