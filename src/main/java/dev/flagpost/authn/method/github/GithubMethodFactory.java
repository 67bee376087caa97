package dev.flagpost.authn.method.github;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code authentication.methods.github}: browser logins through GitHub's OAuth app flow. */
public final class GithubMethodFactory implements AuthMethodFactory<GithubMethodConfig> {
    private static final String SERVICE = "flipt.auth.AuthenticationMethodGithubService/";

    @Override
    public Method method() {
        return Method.GITHUB;
    }

    @Override
    public boolean sessionCompatible() {
        return true;
    }

    @Override
    public List<String> keys() {
        return List.of("client_id", "client_secret", "redirect_address", "scopes[]", "server_url", "api_url", "use_pkce",
                "allowed_organizations[]", "allowed_teams.*[]");
    }

    @Override
    public GithubMethodConfig bind(ConfigReader r, String p) {
        boolean enabled = r.bool(p + ".enabled", false);
        Map<String, List<String>> teams = new LinkedHashMap<>();
        for (String org : r.children(p + ".allowed_teams")) {
            teams.put(org, r.list(p + ".allowed_teams." + org));
        }
        CleanupConfig cleanup = CleanupConfig.bind(r, p);
        return r.build(p, () -> new GithubMethodConfig(enabled, r.string(p + ".client_id", null), r.string(p + ".client_secret", null),
                r.string(p + ".redirect_address", null), r.list(p + ".scopes"), r.string(p + ".server_url", null),
                r.string(p + ".api_url", null), r.bool(p + ".use_pkce", false), r.list(p + ".allowed_organizations"), teams, cleanup),
                // Keep `enabled` as written so that no follow-on "no method enabled" problem is reported.
                new GithubMethodConfig(enabled, "-", "-", "http://invalid", List.of(), null, null, false, List.of(), Map.of(), cleanup));
    }

    @Override
    public AuthMethod start(GithubMethodConfig config, MethodContext context) {
        return new GithubMethod(config, context.loginFlows(), context.sessions());
    }

    @Override
    public Map<String, Object> view(GithubMethodConfig config) {
        Map<String, Object> github = new LinkedHashMap<>();
        GoJson.put(github, "serverUrl", config.serverUrl());
        GoJson.put(github, "apiUrl", config.apiUrl());
        GoJson.put(github, "redirectAddress", config.redirectAddress());
        GoJson.put(github, "scopes", config.scopes());
        GoJson.put(github, "allowedOrganizations", config.allowedOrganizations());
        GoJson.put(github, "allowedTeams", config.allowedTeams());
        return github;
    }

    @Override
    public List<String> publicHttpRoutes() {
        return List.of("/auth/v1/method/github/(authorize|callback)");
    }

    @Override
    public Set<String> publicRpcs() {
        return Set.of(SERVICE + "AuthorizeURL", SERVICE + "Callback");
    }
}
