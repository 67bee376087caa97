package dev.flagpost.authn.method.github;

import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.config.ConfigProblem;
import dev.flagpost.config.HttpUrls;
import dev.flagpost.config.InvalidConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code authentication.methods.github}: login with a GitHub (or GitHub Enterprise) OAuth app.
 *
 * @param serverUrl            where users log in; {@code https://github.com} or the GHE host
 * @param apiUrl               the REST API; {@code https://api.github.com} or {@code <ghe>/api/v3}
 * @param allowedOrganizations when set, the user must belong to one of them (needs scope read:org)
 * @param allowedTeams         org → team slugs; for an org listed here, membership of one of its teams is required
 */
public record GithubMethodConfig(boolean enabled, String clientId, String clientSecret, String redirectAddress,
                                 List<String> scopes, String serverUrl, String apiUrl, boolean usePkce,
                                 List<String> allowedOrganizations, Map<String, List<String>> allowedTeams,
                                 CleanupConfig cleanup) implements MethodConfig {
    public static final String DEFAULT_SERVER_URL = "https://github.com";
    public static final String DEFAULT_API_URL = "https://api.github.com";
    public static final String CALLBACK_PATH = "/auth/v1/method/github/callback";
    public static final String AUTHORIZE_PATH = "/auth/v1/method/github/authorize";

    public GithubMethodConfig {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        allowedOrganizations = allowedOrganizations == null ? List.of() : List.copyOf(allowedOrganizations);
        Map<String, List<String>> teams = new LinkedHashMap<>();
        if (allowedTeams != null) {
            allowedTeams.forEach((org, slugs) -> teams.put(org, List.copyOf(slugs)));
        }
        allowedTeams = java.util.Collections.unmodifiableMap(teams);
        serverUrl = trimSlash(serverUrl == null || serverUrl.isBlank() ? DEFAULT_SERVER_URL : serverUrl);
        apiUrl = trimSlash(apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl);
        redirectAddress = redirectAddress == null ? null : trimSlash(redirectAddress);
        cleanup = cleanup == null ? CleanupConfig.DEFAULT : cleanup;
        if (enabled) {
            List<ConfigProblem> problems = new ArrayList<>();
            require(problems, "client_id", clientId, "the OAuth app's client id");
            require(problems, "client_secret", clientSecret, "the OAuth app's client secret, e.g. ${env:GITHUB_CLIENT_SECRET}");
            requireUrl(problems, "redirect_address", redirectAddress, "this server's public address, e.g. https://flags.example.com");
            requireUrl(problems, "server_url", serverUrl, "e.g. https://github.example.com for GitHub Enterprise");
            requireUrl(problems, "api_url", apiUrl, "e.g. https://github.example.com/api/v3 for GitHub Enterprise");
            // Flipt's rules and wording: orgs cannot be read without read:org ...
            if (!allowedOrganizations.isEmpty() && !scopes.contains("read:org")) {
                problems.add(new ConfigProblem("scopes", "must contain read:org when allowed_organizations is not empty",
                        "add read:org to authentication.methods.github.scopes"));
            }
            // ... and a team can only narrow an organization that is allowed at all.
            for (String org : allowedTeams.keySet()) {
                if (!allowedOrganizations.contains(org)) {
                    problems.add(new ConfigProblem("allowed_teams." + org,
                            "the organization '" + org + "' was not declared in 'allowed_organizations' field",
                            "add " + org + " to authentication.methods.github.allowed_organizations (names are case-sensitive here)"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
        }
    }

    public static GithubMethodConfig disabled() {
        return new GithubMethodConfig(false, null, null, null, List.of(), null, null, false, List.of(), Map.of(), CleanupConfig.DEFAULT);
    }

    public URI callbackUri() {
        return URI.create(redirectAddress + CALLBACK_PATH);
    }

    private static String trimSlash(String s) {
        String t = s.strip();
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private static void require(List<ConfigProblem> problems, String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigProblem(key, "non-empty value is required", fix));
        }
    }

    private static void requireUrl(List<ConfigProblem> problems, String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigProblem(key, "non-empty value is required", fix));
            return;
        }
        if (!HttpUrls.isHttpUrl(value)) {
            problems.add(new ConfigProblem(key, "\"" + value + "\" is not an http(s) URL", fix));
        }
    }

    @Override
    public String toString() {
        return "GithubMethodConfig[enabled=" + enabled + ", client_id=" + clientId + ", server=" + serverUrl + ", api=" + apiUrl + "]";
    }
}
