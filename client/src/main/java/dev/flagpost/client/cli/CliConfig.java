package dev.flagpost.client.cli;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The optional {@code config.json} in the config directory. It never holds secrets: client secrets
 * come from {@code FLAGPOST_CLIENT_SECRET}, static tokens from {@code FLAGPOST_TOKEN}.
 *
 * <pre>{"server": "https://flagpost.example.com", "authMode": "pkce|device|client-credentials|command|kubernetes",
 *  "clientId": "...", "scopes": ["openid"], "audience": "...", "tokenScheme": "Bearer|JWT",
 *  "command": ["gcloud", "auth", "print-identity-token"], "kubernetesTokenPath": "/var/run/..."}</pre>
 */
record CliConfig(String server, String authMode, String clientId, List<String> scopes, String audience,
                 String tokenScheme, List<String> command, String kubernetesTokenPath) {

    static final CliConfig EMPTY = new CliConfig(null, null, null, List.of(), null, null, List.of(), null);

    static CliConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JSONObject o = JSONObjectUtils.parse(text);
            return new CliConfig(str(o, "server"), str(o, "authMode"), str(o, "clientId"),
                    JSONObjectUtils.getStringList(o, "scopes", List.of()), str(o, "audience"), str(o, "tokenScheme"),
                    JSONObjectUtils.getStringList(o, "command", List.of()), str(o, "kubernetesTokenPath"));
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is not valid JSON config: " + e.getMessage(), e);
        }
    }

    private static String str(JSONObject o, String key) throws ParseException {
        String v = JSONObjectUtils.getString(o, key, null);
        return v == null || v.isBlank() ? null : v;
    }
}
