package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FliptYamlConfigSourceTest {

    @Test
    void nestedKeysAreFlattenedWithDotsAndMapKeysKeepTheirCase() {
        var source = FliptYamlConfigSource.ofYaml("""
                authentication:
                  required: true
                  methods:
                    token:
                      storage:
                        tokens:
                          My-App-Token:
                            credential: abc
                """, Map.of());
        assertEquals("true", source.getValue("authentication.required"));
        assertEquals("abc", source.getValue("authentication.methods.token.storage.tokens.My-App-Token.credential"));
        assertTrue(source.problems().isEmpty());
    }

    @Test
    void listsBecomeMicroProfileArraysWithCommasEscaped() {
        var source = FliptYamlConfigSource.ofYaml("""
                authentication:
                  session:
                    csrf:
                      trusted_origins: ["https://a.example", "https://b.example,x"]
                """, Map.of());
        assertEquals("https://a.example,https://b.example\\,x", source.getValue("authentication.session.csrf.trusted_origins"));
        assertEquals("https://a.example", source.getValue("authentication.session.csrf.trusted_origins[0]"));
    }

    @Test
    void envReferencesInBothFliptFormsAreSubstituted() {
        var source = FliptYamlConfigSource.ofYaml("""
                a: "${env:TOKEN_A}"
                b: "prefix-${TOKEN_B}-suffix"
                """, Map.of("TOKEN_A", "first", "TOKEN_B", "second"));
        assertEquals("first", source.getValue("a"));
        assertEquals("prefix-second-suffix", source.getValue("b"));
    }

    @Test
    void anUnsetVariableIsAProblemNamingTheKeyAndTheVariable() {
        var source = FliptYamlConfigSource.ofYaml("a:\n  b: ${env:NOT_SET_ANYWHERE}\n", Map.of());
        assertEquals(1, source.problems().size());
        ConfigProblem p = source.problems().get(0);
        assertEquals("a.b", p.key());
        assertTrue(p.message().contains("NOT_SET_ANYWHERE"));
    }

    @Test
    void fliptPrefixedEnvironmentVariablesOverrideKeys() {
        var source = FliptYamlConfigSource.ofYaml("authentication:\n  required: true\n",
                Map.of("FLIPT_AUTHENTICATION_REQUIRED", "false", "FLIPT_AUTHENTICATION_SESSION_TOKEN_LIFETIME", "1h"));
        assertEquals("false", source.getValue("authentication.required"));
        assertEquals("1h", source.getValue("authentication.session.token_lifetime"));
    }

    @Test
    void environmentVariablesNameMapEntriesNoFileDeclaresAsFliptDoes() {
        var source = FliptYamlConfigSource.ofYaml("authentication:\n  required: true\n", Map.of(
                "FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_METADATA_IS_BOOTSTRAP", "true",
                "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_MY_IDP_CLIENT_ID", "abc",
                "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_MY_IDP_ISSUER_URL", "https://idp.example",
                "FLIPT_UNRELATED", "x"));
        assertEquals("true", source.getValue("authentication.methods.token.bootstrap.metadata.is_bootstrap"));
        assertEquals("abc", source.getValue("authentication.methods.oidc.providers.my_idp.client_id"));
        assertEquals("https://idp.example", source.getValue("authentication.methods.oidc.providers.my_idp.issuer_url"));
        assertTrue(source.getPropertyNames().contains("authentication.methods.token.bootstrap.metadata.is_bootstrap"));
        var config = dev.flagpost.testing.Configs.of("authentication:\n  methods: {token: {enabled: true}}\n",
                Map.of("FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_METADATA_IS_BOOTSTRAP", "true"));
        var bound = FlagpostConfig.load(config);
        assertEquals(Map.of("is_bootstrap", "true"), bound.authentication().method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow().bootstrap().metadata());
    }

    @Test
    void invalidYamlIsAProblemNotAnException() {
        var source = FliptYamlConfigSource.ofYaml("authentication:\n  required: [unclosed\n", Map.of());
        assertEquals(1, source.problems().size());
        assertTrue(source.problems().get(0).message().contains("not valid YAML"));
    }

    @Test
    void duplicateKeysAreRejected() {
        var source = FliptYamlConfigSource.ofYaml("a: 1\na: 2\n", Map.of());
        assertEquals(1, source.problems().size());
    }

    @Test
    void aMissingFileIsAProblemNamingFlagpostConfig(@TempDir Path dir) {
        var source = new FliptYamlConfigSource(Map.of(), dir.resolve("nope.yaml").toString());
        assertEquals(FliptYamlConfigSource.CONFIG_ENV, source.problems().get(0).key());
    }

    @Test
    void aFileIsReadFromThePathGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "db:\n  url: postgres://u:p@h:5432/d\n");
        var source = new FliptYamlConfigSource(Map.of(), file.toString());
        assertEquals("postgres://u:p@h:5432/d", source.getValue("db.url"));
        assertNull(source.getValue("authentication.required"));
    }

    @Test
    void withoutAFileTheSecureDefaultIsUsed() {
        var source = new FliptYamlConfigSource(Map.of(), null);
        assertEquals("true", source.getValue("authentication.required"));
        assertEquals("true", source.getValue("authentication.methods.token.enabled"));
    }

    @org.junit.jupiter.api.Test
    void aYamlSyntaxErrorNamesItsLineAndColumnAndShowsTheSpot() {
        var problems = FliptYamlConfigSource.ofYaml("authentication:\n  required: true\n  methods: {token: [\n", java.util.Map.of()).problems();
        org.junit.jupiter.api.Assertions.assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).message();
        org.junit.jupiter.api.Assertions.assertTrue(message.matches("(?s).*at line \\d+, column \\d+: .*\\^.*"), message);
        org.junit.jupiter.api.Assertions.assertTrue(problems.get(0).fix().contains("at line"), problems.get(0).fix());
    }
}
