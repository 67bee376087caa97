package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySuggestionsTest {
    static final List<Pattern> KNOWN = List.of(
            Pattern.compile("authentication(\\.(required|exclude|session|methods))?"),
            Pattern.compile("authentication\\.exclude\\.(management|evaluation|ofrep)"),
            Pattern.compile("authentication\\.methods\\.token(\\.(enabled|bootstrap|storage))?"));

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "authentication.requried, authentication.required",
            "authentication.methods.tokn.enabled, authentication.methods.token.enabled",
            "authentication.methods.token.enable, authentication.methods.token.enabled",
            "authentication.exclude.ofrp, authentication.exclude.ofrep",
            "authentication.something_else, none",
            "authentication.methods.token.enabled.x, none"})
    void anUnknownKeyOneTypoAwayFromAKnownOneIsSuggested(String unknown, String expected) {
        assertEquals(expected, KeySuggestions.nearest(unknown, KNOWN));
    }
}
