package dev.flagpost.authn.method.oidc;

import dev.flagpost.config.HttpUrls;
import dev.flagpost.config.ConfigProblem;
import dev.flagpost.config.InvalidConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One provider under {@code authentication.methods.oidc.providers.<name>}. Its callback is
 * {@code redirect_address} (trailing {@code /} trimmed) + {@code /auth/v1/method/oidc/<name>/callback};
 * that exact URL must be registered with the provider.
 *
 * @param scopes                 requested in addition to {@code openid}
 * @param usePkce                S256 with a fresh verifier per login
 * @param useEndSessionEndpoint  revoke answers {@code nextUri} = the provider's end_session_endpoint
 */
public record OidcProviderConfig(String name, String issuerUrl, String clientId, String clientSecret,
                                 String redirectAddress, List<String> scopes, boolean usePkce,
                                 boolean useEndSessionEndpoint) {
    /** Names become a path segment and a cookie path, so keep them to URL-safe characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OidcProviderConfig {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (!NAME.matcher(name).matches()) {
            throw InvalidConfigException.of("providers." + name, "provider name must be 1-64 letters, digits, '-' or '_'",
                    "rename the provider, e.g. providers.google");
        }
        String p = "providers." + name + ".";
        // Every missing or bad key at once, so one restart fixes them all.
        List<ConfigProblem> problems = new ArrayList<>();
        requireUrl(problems, p + "issuer_url", issuerUrl, "the provider's issuer, e.g. https://accounts.google.com");
        require(problems, p + "client_id", clientId, "the client id registered with the provider");
        require(problems, p + "client_secret", clientSecret, "the client secret, e.g. ${env:OIDC_CLIENT_SECRET}");
        requireUrl(problems, p + "redirect_address", redirectAddress, "this server's public address, e.g. https://flags.example.com");
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        redirectAddress = redirectAddress.endsWith("/") ? redirectAddress.substring(0, redirectAddress.length() - 1) : redirectAddress;
    }

    public String authorizePath() {
        return "/auth/v1/method/oidc/" + name + "/authorize";
    }

    public String callbackPath() {
        return "/auth/v1/method/oidc/" + name + "/callback";
    }

    public URI callbackUri() {
        return URI.create(redirectAddress + callbackPath());
    }

    /** {@code openid} first, then the configured scopes, without duplicates. */
    public List<String> requestedScopes() {
        List<String> out = new ArrayList<>(List.of("openid"));
        scopes.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    private static boolean require(List<ConfigProblem> problems, String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigProblem(key, "non-empty value is required", fix));
            return false;
        }
        return true;
    }

    private static void requireUrl(List<ConfigProblem> problems, String key, String value, String fix) {
        if (require(problems, key, value, fix) && !HttpUrls.isHttpUrl(value)) {
            problems.add(new ConfigProblem(key, "\"" + value + "\" is not an http(s) URL", fix));
        }
    }

    @Override
    public String toString() {
        return "OidcProviderConfig[" + name + ", issuer=" + issuerUrl + ", client_id=" + clientId + "]";
    }
}
