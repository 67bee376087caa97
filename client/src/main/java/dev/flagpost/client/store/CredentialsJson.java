package dev.flagpost.client.store;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.flagpost.client.auth.Credentials;
import net.minidev.json.JSONObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stored form of {@link Credentials}: one JSON object, tagged with the endpoint it belongs to. */
final class CredentialsJson {
    private CredentialsJson() {
    }

    static String write(String endpointKey, Credentials c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpointKey);
        m.put("accessToken", c.accessToken());
        put(m, "refreshToken", c.refreshToken());
        put(m, "idToken", c.idToken());
        put(m, "expiresAt", c.expiresAt() == null ? null : c.expiresAt().toString());
        put(m, "issuer", c.issuer());
        put(m, "clientId", c.clientId());
        m.put("scheme", c.scheme());
        return JSONObject.toJSONString(m);
    }

    /** Returns null when the JSON belongs to another endpoint (a hash collision or a copied file). */
    static Credentials read(String endpointKey, String json) throws ParseException {
        JSONObject o = JSONObjectUtils.parse(json);
        if (!endpointKey.equals(JSONObjectUtils.getString(o, "endpoint", null))) {
            return null;
        }
        String expires = JSONObjectUtils.getString(o, "expiresAt", null);
        return new Credentials(JSONObjectUtils.getString(o, "accessToken"),
                JSONObjectUtils.getString(o, "refreshToken", null),
                JSONObjectUtils.getString(o, "idToken", null),
                expires == null ? null : Instant.parse(expires),
                JSONObjectUtils.getString(o, "issuer", null),
                JSONObjectUtils.getString(o, "clientId", null),
                JSONObjectUtils.getString(o, "scheme", null));
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
