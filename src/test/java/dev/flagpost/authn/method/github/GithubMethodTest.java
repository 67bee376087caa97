package dev.flagpost.authn.method.github;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.config.CleanupConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flipt's organisation/team rule, case-insensitive like GitHub's own logins and slugs. */
class GithubMethodTest {
    private static GithubMethod method(List<String> orgs, Map<String, List<String>> teams) {
        return new GithubMethod(new GithubMethodConfig(true, "c", "s", "https://flags.example.com", List.of("read:org"), null, null,
                false, orgs, teams, CleanupConfig.DEFAULT), null, null);
    }

    @Test
    void membershipOfAnyAllowedOrganizationIsEnoughWithoutTeams() {
        GithubMethod m = method(List.of("flipt-io", "acme"), Map.of());
        assertTrue(m.allowed(List.of("acme"), null));
        assertTrue(m.allowed(List.of("Flipt-IO"), null));
        assertFalse(m.allowed(List.of("other"), null));
        assertFalse(m.allowed(List.of(), null));
    }

    @Test
    void teamsNarrowOnlyTheirOwnOrganization() {
        GithubMethod m = method(List.of("flipt-io", "acme"), Map.of("flipt-io", List.of("devs")));
        assertTrue(m.allowed(List.of("flipt-io"), Map.of("flipt-io", List.of("devs"))));
        assertFalse(m.allowed(List.of("flipt-io"), Map.of("flipt-io", List.of("marketing"))));
        assertFalse(m.allowed(List.of("flipt-io"), Map.of("acme", List.of("devs"))), "a team of another org does not count");
        assertTrue(m.allowed(List.of("flipt-io", "acme"), Map.of()), "acme has no teams configured: any member");
    }
}
