package dev.flagpost.authn.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedPrefixTest {
    @ParameterizedTest
    @CsvSource(value = {
            "NULL|/", "''|/", "/flags|/flags/", "/flags/|/flags/", "/a/b-c_d.e~f|/a/b-c_d.e~f/",
            "//evil.com|/", "https://evil.com|/", "/\\evil.com|/", "/%2F%2Fevil.com|/", "/%5Cevil.com|/",
            "/..|/", "/a/../b|/", "/.|/", "evil.com|/", "/a b|/", "/a?x=1|/", "/a#x|/", "/a//b|/"},
            delimiter = '|', nullValues = "NULL")
    void theRedirectAfterLoginStaysOnThisSite(String header, String home) {
        assertEquals(home, ForwardedPrefix.home("''".equals(header) ? "" : header));
    }
}
