package dev.flagpost.flags.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code If-None-Match} against the current ETag {@code abc123}. */
class EntityTagsTest {
    static final String CURRENT = "abc123";

    @ParameterizedTest(name = "[{0}] matches: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // Flipt's own form: the ETag sent back unquoted, as its SDKs do
            "abc123                     | true",
            "'  abc123  '               | true",
            // RFC 9110: strong, weak, lists, *
            "\"abc123\"                 | true",
            "W/\"abc123\"               | true",
            "W/abc123                   | true",
            "\"old\", \"abc123\"        | true",
            "\"old\",W/\"abc123\"       | true",
            "'\"old\" ,  \"abc123\" '   | true",
            "old, abc123                | true",
            "*                          | true",
            "' * '                      | true",
            // not the current tag
            "\"old\"                    | false",
            "W/\"old\", \"older\"       | false",
            "abc12                      | false",
            "abc1234                    | false",
            "\"ABC123\"                 | false",
            "\"abc123                   | false",
            "\"a,b\", abc12             | false",
            "\"\"                       | false",
            "W/                         | false",
            "','                        | false",
            "'*, abc12'                 | false",
            "w/\"abc123\"               | false"})
    void ifNoneMatchIsReadAsFliptAndRfc9110ClientsSendIt(String header, boolean expected) {
        assertEquals(expected, EntityTags.matches(header, CURRENT));
    }

    @ParameterizedTest(name = "[{0}] against no current tag")
    @ValueSource(strings = {"*", "abc123", "\"abc123\"", ""})
    void withNoCurrentTagNothingMatchesNotEvenAStar(String header) {
        assertFalse(EntityTags.matches(header, null));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t", ",,,", "W/W/\"abc123", "\"\"\"\"", "\u0000abc123"})
    void anAbsentOrHostileHeaderMatchesNothing(String header) {
        assertFalse(EntityTags.matches(header, CURRENT));
        assertFalse(EntityTags.matches(null, CURRENT));
    }
}
