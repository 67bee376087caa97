package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDeclarationsTest {
    private static boolean known(List<String> declared, String key) {
        return KeyDeclarations.patterns(declared).stream().anyMatch(p -> p.matcher(key).matches());
    }

    @Test
    void aDeclaredKeyAndEveryPrefixOfItAreKnown() {
        List<String> d = List.of("a.session.csrf.key");
        assertTrue(known(d, "a.session.csrf.key"));
        assertTrue(known(d, "a.session.csrf"));
        assertTrue(known(d, "a"));
        assertFalse(known(d, "a.session.csrf.kye"));
        assertFalse(known(d, "a.session.csrf.key.more"));
    }

    @Test
    void aStarIsOneUserWrittenMapKeyAndBracketsAreAListWithOrWithoutIndex() {
        List<String> d = List.of("m.providers.*.scopes[]");
        assertTrue(known(d, "m.providers.google.scopes"));
        assertTrue(known(d, "m.providers.Google-2.scopes[3]"));
        assertFalse(known(d, "m.providers.google.scope"));
        assertFalse(known(d, "m.providers.a.b.scopes"));
    }

    @Test
    void aDoubleStarIsAnythingBelow() {
        assertTrue(known(List.of("m.metadata.**"), "m.metadata.team.name"));
        assertFalse(known(List.of("m.metadata.**"), "m.metadatum.team"));
    }

    @Test
    void aDeclarationThatIsNotAKeyIsABug() {
        assertThrows(IllegalArgumentException.class, () -> KeyDeclarations.patterns(List.of("a.B(c)")));
    }

    @Test
    void mapsAreFoundWithTheFieldsOfTheirEntries() {
        List<KeyDeclarations.MapKey> maps = KeyDeclarations.maps(List.of("m.providers.*.client_id", "m.providers.*.scopes[]",
                "m.claims_mapping.*", "m.bootstrap.metadata.**", "m.teams.*[]", "m.tokens.*.credential", "m.tokens.*.metadata.**", "m.enabled"));
        assertEquals(List.of(new KeyDeclarations.MapKey("m.providers", List.of("client_id", "scopes")),
                new KeyDeclarations.MapKey("m.claims_mapping", List.of()),
                new KeyDeclarations.MapKey("m.bootstrap.metadata", List.of()),
                new KeyDeclarations.MapKey("m.teams", List.of())), maps);
    }

    @Test
    void everyMethodsMapsComeFromItsDeclarations() {
        List<String> prefixes = KeyDeclarations.maps(DeclaredKeys.all()).stream().map(KeyDeclarations.MapKey::prefix).toList();
        assertTrue(prefixes.containsAll(List.of("authentication.methods.token.bootstrap.metadata", "authentication.methods.oidc.providers",
                "authentication.methods.jwt.claims_mapping", "authentication.methods.github.allowed_teams")), prefixes.toString());
    }
}
