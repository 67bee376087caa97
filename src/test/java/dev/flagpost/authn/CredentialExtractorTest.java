package dev.flagpost.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.CredentialExtractor.Extraction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialExtractorTest {
    static final String TOKEN = "uc9gd8_iL3cG72JCI8WNSbky9vmG-2puazqW86WIEI0=";

    @Test
    void bearerHeaderGivesAClientToken() {
        var found = assertInstanceOf(Extraction.Found.class, CredentialExtractor.extract(List.of("Bearer " + TOKEN), null));
        assertEquals(new Credential.ClientToken(TOKEN, Credential.Source.HEADER), found.credential());
    }

    @Test
    void jwtHeaderGivesAJwt() {
        var found = assertInstanceOf(Extraction.Found.class, CredentialExtractor.extract(List.of("JWT a.b.c"), null));
        assertInstanceOf(Credential.Jwt.class, found.credential());
    }

    @Test
    void cookieIsUsedOnlyWithoutAHeader() {
        var fromCookie = assertInstanceOf(Extraction.Found.class, CredentialExtractor.extract(List.of(), TOKEN));
        assertEquals(Credential.Source.COOKIE, fromCookie.credential().source());
        assertInstanceOf(Extraction.Malformed.class, CredentialExtractor.extract(List.of("Basic abc"), TOKEN),
                "a present header wins even when it is malformed");
    }

    @Test
    void nothingPresentIsNone() {
        assertInstanceOf(Extraction.None.class, CredentialExtractor.extract(null, null));
        assertInstanceOf(Extraction.None.class, CredentialExtractor.extract(List.of(), ""));
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        assertInstanceOf(Extraction.Malformed.class, CredentialExtractor.extract(List.of("Bearer a", "Bearer b"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "bearer abc", "BEARER abc", "Bearer  abc", "Bearer abc def", "Bearer\tabc",
            "Basic dXNlcjpwYXNz", "Token abc", "JWT", "JWT ", "jwt a.b.c", "Bearer abc\u0000", "Bearer \u00e9t\u00e9", "Bearer abc\n"})
    void malformedHeadersAreRefusedWithoutFallingBackToTheCookie(String header) {
        assertInstanceOf(Extraction.Malformed.class, CredentialExtractor.extract(List.of(header), TOKEN));
    }

    @Test
    void oversizedCredentialsAreRefused() {
        String huge = "a".repeat(CredentialExtractor.MAX_CREDENTIAL_LENGTH + 1);
        assertInstanceOf(Extraction.Malformed.class, CredentialExtractor.extract(List.of("Bearer " + huge), null));
        assertInstanceOf(Extraction.Malformed.class, CredentialExtractor.extract(List.of(), huge));
    }

    @Test
    void tokenShapeIsPrintableAsciiWithoutSpaceAndNothingElse() {
        for (int c = 0; c <= 0x2ff; c++) {
            boolean printable = c >= 0x21 && c <= 0x7e;
            String s = "ab" + (char) c + "cd";
            assertEquals(printable, CredentialExtractor.isTokenShaped(s), "U+" + Integer.toHexString(c));
        }
        assertFalse(CredentialExtractor.isTokenShaped("ab\uD83D\uDE00cd"), "a surrogate pair (emoji)");
        assertFalse(CredentialExtractor.isTokenShaped("ab\uD83Dcd"), "a lone surrogate");
        assertFalse(CredentialExtractor.isTokenShaped("ab\u4E00cd"), "a character above U+00FF");
        assertTrue(CredentialExtractor.isTokenShaped("a".repeat(CredentialExtractor.MAX_CREDENTIAL_LENGTH)));
    }

    @Test
    void credentialsNeverShowInToString() {
        assertEquals(false, new Credential.ClientToken(TOKEN, Credential.Source.HEADER).toString().contains(TOKEN));
    }
}
