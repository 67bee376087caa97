package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Method;
import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.testing.Configs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagpostConfigTest {

    @Test
    void theDefaultConfigRequiresAuthenticationAndEnablesTheTokenMethod() {
        FlagpostConfig c = FlagpostConfig.load(Configs.of("""
                authentication:
                  required: true
                  methods:
                    token:
                      enabled: true
                """, Map.of()));
        assertTrue(c.authentication().required());
        assertTrue(c.authentication().enabled(Method.TOKEN));
        assertEquals(DatabaseConfig.Kind.H2, c.database().kind());
    }

    @Test
    void fliptDefaultsApplyWhereTheConfigIsSilent() {
        FlagpostConfig c = Configs.load("authentication:\n  methods:\n    token:\n      enabled: true\n");
        var auth = c.authentication();
        assertTrue(auth.required(), "Flagpost requires authentication unless a config says otherwise");
        assertFalse(auth.exclude().management());
        assertEquals(Duration.ofHours(24), auth.session().tokenLifetime());
        assertEquals(Duration.ofMinutes(10), auth.session().stateLifetime());
        assertEquals(Duration.ofHours(1), auth.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().cleanup().interval());
        assertEquals(Duration.ofMinutes(30), auth.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().cleanup().gracePeriod());
        assertEquals(Duration.ofSeconds(10), c.cache().ttl());
    }

    @Test
    void requiredFalseAppliesOnlyWhenTheConfigSaysSo() {
        assertFalse(Configs.load("authentication:\n  required: false\n").authentication().required());
    }

    @Test
    void everySettingOfTheSpineIsRead() {
        FlagpostConfig c = Configs.load("""
                authentication:
                  required: true
                  exclude: {management: true, evaluation: true, ofrep: true}
                  session:
                    domain: "https://flags.example.com:8443"
                    secure: true
                    token_lifetime: 12h
                    state_lifetime: 5m
                    csrf:
                      key: "0123456789abcdef0123456789abcdef"
                      trusted_origins: [https://ui.example.com]
                  methods:
                    token:
                      enabled: true
                      bootstrap:
                        token: s3cr3t
                        expiration: 1h30m
                        metadata: {team: ops}
                      storage:
                        tokens:
                          My-App:
                            credential: cred-1
                            metadata: {app: production-api}
                      cleanup: {interval: 2h, grace_period: 1h}
                """);
        var a = c.authentication();
        assertEquals(new dev.flagpost.authn.config.Exclusions(true, true, true), a.exclude());
        assertEquals("flags.example.com", a.session().domain(), "scheme and port are stripped");
        assertTrue(a.session().secure());
        assertEquals(Duration.ofHours(12), a.session().tokenLifetime());
        assertEquals(List.of("https://ui.example.com"), a.session().csrfTrustedOrigins());
        assertEquals("s3cr3t", a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().bootstrap().token());
        assertEquals(Duration.ofMinutes(90), a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().bootstrap().expiration());
        assertEquals(Map.of("team", "ops"), a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().bootstrap().metadata());
        assertEquals("cred-1", a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().staticTokens().get("My-App").credential());
        assertEquals(Map.of("app", "production-api"), a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().staticTokens().get("My-App").metadata());
        assertEquals(Duration.ofHours(2), a.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().cleanup().interval());
    }

    @Test
    void fliptDatabaseUrlsBecomeJdbc() {
        DatabaseConfig db = Configs.load("authentication: {required: false}\ndb:\n  url: postgres://flipt:p%40ss@10.0.0.5:6432/flags?sslmode=disable\n").database();
        assertEquals("jdbc:postgresql://10.0.0.5:6432/flags?sslmode=disable", db.jdbcUrl());
        assertEquals("flipt", db.user());
        assertEquals("p@ss", db.password());
    }

    @Test
    void flagpostDbUrlWinsOverTheFileAndIsJdbc() {
        DatabaseConfig db = FlagpostConfig.load(Configs.of("authentication: {required: false}\ndb: {url: 'postgres://a@b/c'}\n",
                Map.of())).database();
        assertEquals(DatabaseConfig.Kind.POSTGRESQL, db.kind());
        var withEnv = new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(FliptYamlConfigSource.ofYaml("authentication: {required: false}\ndb: {url: 'postgres://a@b/c'}\n", Map.of()))
                .withDefaultValue("flagpost.db.url", "jdbc:h2:mem:x").build();
        assertEquals("jdbc:h2:mem:x", FlagpostConfig.load(withEnv).database().jdbcUrl());
    }

    /** Each rule, with the key its message must name. */
    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("authentication:\n  required: yes-please\n  methods: {token: {enabled: true}}\n", "authentication.required"),
                Arguments.of("authentication:\n  requird: true\n", "authentication.requird"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, cleanup: {interval: 0}}}\n",
                        "authentication.methods.token.cleanup.interval"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, cleanup: {grace_period: -1m}}}\n",
                        "authentication.methods.token.cleanup.grace_period"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, cleanup: {interval: 3600}}}\n",
                        "authentication.methods.token.cleanup.interval"),
                Arguments.of("authentication:\n  session: {token_lifetime: 0s}\n  methods: {token: {enabled: true}}\n",
                        "authentication.session.token_lifetime"),
                Arguments.of("authentication:\n  session: {state_lifetime: soon}\n  methods: {token: {enabled: true}}\n",
                        "authentication.session.state_lifetime"),
                Arguments.of("authentication:\n  session: {csrf: {trusted_origins: [not-an-origin]}}\n  methods: {token: {enabled: true}}\n",
                        "authentication.session.csrf.trusted_origins"),
                Arguments.of("authentication:\n  methods: {oidc: {enabled: true}}\n", "authentication.session.domain"),
                Arguments.of("authentication:\n  methods: {token: {enabled: false}}\n", "authentication.required"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, bootstrap: {expiration: -1h}}}\n",
                        "authentication.methods.token.bootstrap.expiration"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, storage: {tokens: {app: {credential: ''}}}}}\n",
                        "authentication.methods.token.storage.tokens.app.credential"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, storage: {tokens: {a: {credential: x}, b: {credential: x}}}}}\n",
                        "authentication.methods.token.storage.tokens.b.credential"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true, bootstrap: {token: '${env:FLAGPOST_TEST_UNSET_VAR}'}}}\n",
                        "authentication.methods.token.bootstrap.token"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\ndb: {url: 'file:/var/opt/flipt/flipt.db'}\n", "db.url"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\ndb: {url: 'mysql://u@h/d'}\n", "db.url"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\ndb: {max_open_conn: lots}\n", "db.max_open_conn"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\nflagpost: {auth: {cache: {ttl: -1s}}}\n", "flagpost.auth.cache.ttl"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true}}\n", "authentication.methods.jwt.jwks_url"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\n  client: {issuer: 'https://idp.example.com'}\n",
                        "authentication.client.client_id"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\n  client: {issuer: 'idp.example.com', client_id: c}\n",
                        "authentication.client.issuer"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true, jwks_url: 'https://a/jwks', public_key_file: /etc/hosts}}\n",
                        "authentication.methods.jwt.public_key_file"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true, public_key_file: /nonexistent/key.pem}}\n",
                        "authentication.methods.jwt.public_key_file"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true, jwks_url: 'ftp://a/jwks'}}\n", "authentication.methods.jwt.jwks_url"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true, jwks_url: 'https://a/j', claims_mapping: {email: email}}}\n",
                        "authentication.methods.jwt.claims_mapping.email"),
                Arguments.of("authentication:\n  methods: {jwt: {enabled: true, jwks_url: 'https://a/j', validate_claim: {issuer: x}}}\n",
                        "authentication.methods.jwt.validate_claim.issuer"),
                Arguments.of("authentication:\n  required: false\n  methods: {token: {enabled: true}}\nauthorization: {required: true}\n",
                        "authorization.required"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}}\nauthorization: {required: true}\n", "authorization.required"),
                Arguments.of(OIDC_OK.replace("client_secret: s", "client_secret: ''"), "authentication.methods.oidc.providers.google.client_secret"),
                Arguments.of(OIDC_OK.replace("client_id: c", "clientid: c"), "authentication.methods.oidc.providers.google.client_id"),
                Arguments.of(OIDC_OK.replace("redirect_address: 'https://flags.example.com'", "redirect_address: flags.example.com"),
                        "authentication.methods.oidc.providers.google.redirect_address"),
                Arguments.of(OIDC_OK.replace("issuer_url: 'https://accounts.google.com'", "issuer_url: accounts"),
                        "authentication.methods.oidc.providers.google.issuer_url"),
                Arguments.of(OIDC_OK.replace("email_matches: ['@example[.]com$']", "email_matches: ['(unclosed']"),
                        "authentication.methods.oidc.email_matches[0]"),
                Arguments.of(OIDC_OK.replace("session: {domain: flags.example.com}", "session: {}"), "authentication.session.domain"),
                Arguments.of(OIDC_OK.replace("providers: {google:", "providers: {'bad name':"), "authentication.methods.oidc.providers.bad name"),
                Arguments.of(GITHUB_OK.replace("scopes: [user:email, read:org]", "scopes: [user:email]"), "authentication.methods.github.scopes"),
                Arguments.of(GITHUB_OK.replace("allowed_teams: {Flipt-IO: [devs]}", "allowed_teams: {Flipt-IO: [devs], other: [x]}"),
                        "authentication.methods.github.allowed_teams.other"),
                Arguments.of(GITHUB_OK.replace("client_secret: s", "client_secret: ''"), "authentication.methods.github.client_secret"),
                Arguments.of(GITHUB_OK.replace("client_id: c,", ""), "authentication.methods.github.client_id"),
                Arguments.of(GITHUB_OK.replace("redirect_address: 'https://flags.example.com'", "redirect_address: flags"),
                        "authentication.methods.github.redirect_address"),
                Arguments.of(GITHUB_OK.replace("api_url: 'https://ghe.example.com/api/v3'", "api_url: ghe/api"), "authentication.methods.github.api_url"),
                Arguments.of(GITHUB_OK.replace("session: {domain: flags.example.com}", "session: {}"), "authentication.session.domain"));
    }

    @Test
    void oidcWithoutProvidersStartsAsInFlipt() {
        var oidc = Configs.load("authentication:\n  session: {domain: d}\n  methods: {oidc: {enabled: true}}\n").authentication().method(dev.flagpost.authn.Method.OIDC, dev.flagpost.authn.method.oidc.OidcMethodConfig.class).orElseThrow();
        assertTrue(oidc.enabled());
        assertTrue(oidc.providers().isEmpty());
    }

    @Test
    void aProviderMissingSeveralKeysIsReportedForEveryOneOfThem() {
        var e = assertThrows(InvalidConfigException.class, () -> Configs.load(
                "authentication:\n  session: {domain: d}\n  methods: {oidc: {enabled: true, providers: {google: {scopes: [email]}}}}\n"));
        var keys = e.problems().stream().map(ConfigProblem::key).toList();
        String p = "authentication.methods.oidc.providers.google.";
        assertEquals(List.of(p + "issuer_url", p + "client_id", p + "client_secret", p + "redirect_address"), keys);
    }

    @Test
    void authorizationRequiredWithoutAuthenticationGetsFliptsMessage() {
        var e = assertThrows(InvalidConfigException.class, () -> Configs.load(
                "authentication:\n  required: false\n  methods: {token: {enabled: true}}\nauthorization: {required: true}\n"));
        assertEquals("authorization requires authentication also be required", e.problems().get(0).message());
    }

    /** A valid GitHub section the cases above break one key at a time. */
    static final String GITHUB_OK = """
            authentication:
              session: {domain: flags.example.com}
              methods:
                github: {enabled: true, client_id: c, client_secret: s, redirect_address: 'https://flags.example.com', server_url: 'https://ghe.example.com', api_url: 'https://ghe.example.com/api/v3', scopes: [user:email, read:org], allowed_organizations: [Flipt-IO, acme], allowed_teams: {Flipt-IO: [devs]}}
            """;

    @Test
    void theGithubMethodIsReadWithOrganisationKeysKeepingTheirCase() {
        var gh = Configs.load(GITHUB_OK).authentication().method(dev.flagpost.authn.Method.GITHUB, dev.flagpost.authn.method.github.GithubMethodConfig.class).orElseThrow();
        assertTrue(gh.enabled());
        assertEquals(List.of("Flipt-IO", "acme"), gh.allowedOrganizations());
        assertEquals(Map.of("Flipt-IO", List.of("devs")), gh.allowedTeams());
        assertEquals("https://ghe.example.com/api/v3", gh.apiUrl());
        assertEquals("https://flags.example.com/auth/v1/method/github/callback", gh.callbackUri().toString());
        var defaults = Configs.load(GITHUB_OK.replace(", server_url: 'https://ghe.example.com', api_url: 'https://ghe.example.com/api/v3'", ""))
                .authentication().method(dev.flagpost.authn.Method.GITHUB, dev.flagpost.authn.method.github.GithubMethodConfig.class).orElseThrow();
        assertEquals("https://github.com", defaults.serverUrl());
        assertEquals("https://api.github.com", defaults.apiUrl());
    }

    /** A valid OIDC section the cases above break one key at a time. */
    static final String OIDC_OK = """
            authentication:
              session: {domain: flags.example.com}
              methods:
                oidc:
                  enabled: true
                  email_matches: ['@example[.]com$']
                  providers: {google: {issuer_url: 'https://accounts.google.com', client_id: c, client_secret: s, redirect_address: 'https://flags.example.com', scopes: [email, profile], use_pkce: true}}
            """;

    @Test
    void theOidcMethodIsReadWithEveryProvider() {
        var oidc = Configs.load(OIDC_OK.replace("use_pkce: true}}", "use_pkce: true}, Corp: {issuer_url: 'http://127.0.0.1:9/corp/', client_id: c2, client_secret: s2, redirect_address: 'https://flags.example.com/', use_end_session_endpoint: true}}"))
                .authentication().method(dev.flagpost.authn.Method.OIDC, dev.flagpost.authn.method.oidc.OidcMethodConfig.class).orElseThrow();
        assertTrue(oidc.enabled());
        assertEquals(List.of("google", "Corp"), List.copyOf(oidc.providers().keySet()));
        var google = oidc.providers().get("google");
        assertEquals(List.of("openid", "email", "profile"), google.requestedScopes());
        assertTrue(google.usePkce());
        var corp = oidc.providers().get("Corp");
        assertEquals("https://flags.example.com/auth/v1/method/oidc/Corp/callback", corp.callbackUri().toString());
        assertTrue(corp.useEndSessionEndpoint());
        assertTrue(oidc.emailMatches().contains("@example[.]com$"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void anInvalidConfigIsRefusedWithAMessageNamingTheKey(String yaml, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Configs.load(yaml));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key)),
                () -> "expected a problem for " + key + " but got: " + e.getMessage());
        assertTrue(e.getMessage().contains("field \"" + key + "\""), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Configs.load("""
                authentication:
                  required: maybe
                  session: {token_lifetime: forever}
                  methods: {token: {enabled: true, cleanup: {interval: 0}}}
                """));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void theJwtMethodIsReadWithEveryKey() {
        var jwt = Configs.load("""
                authentication:
                  methods:
                    jwt:
                      enabled: true
                      jwks_url: https://idp.example.com/.well-known/jwks.json
                      jwks_cache_ttl: 10m
                      validate_claims: {issuer: https://idp.example.com, subject: svc, audiences: [flagpost, api]}
                      required_claims: [email]
                      claims_mapping: {team: /org/team}
                """).authentication().method(dev.flagpost.authn.Method.JWT, dev.flagpost.authn.method.jwt.JwtMethodConfig.class).orElseThrow();
        assertTrue(jwt.enabled());
        assertEquals(List.of("flagpost", "api"), jwt.audiences());
        assertEquals(List.of("email"), jwt.requiredClaims());
        assertEquals(Map.of("team", "/org/team"), jwt.claimsMapping());
        assertEquals(Duration.ofMinutes(10), jwt.jwksCacheTtl());
        assertEquals("svc", jwt.subject());
    }

    @Test
    void methodsOfLaterVersionsAreRefusedRatherThanSilentlyIgnored() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Configs.load("""
                authentication:
                  session: {domain: flags.example.com}
                  methods: {token: {enabled: true}, ldap: {enabled: true}}
                """));
        assertEquals("authentication.methods.ldap.enabled", e.problems().get(0).key());
    }
}
