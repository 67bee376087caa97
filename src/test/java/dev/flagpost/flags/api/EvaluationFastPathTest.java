package dev.flagpost.flags.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationFastPathTest {
    @Test
    void answersOnlyPlainJsonOrAnyAcceptHeadersAndLeavesNegotiationToJaxRs() {
        for (String accept : new String[] {null, "", "*/*", "application/json", "application/json, text/plain", "text/plain, */*"}) {
            assertTrue(EvaluationFastPath.acceptsJson(accept), String.valueOf(accept));
        }
        for (String accept : new String[] {"text/html", "application/xml", "application/json;q=0", "application/json;q=0.9", "*/*;q=0.1"}) {
            assertFalse(EvaluationFastPath.acceptsJson(accept), accept);
        }
    }
}
