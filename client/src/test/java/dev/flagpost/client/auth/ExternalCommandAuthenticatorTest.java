package dev.flagpost.client.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalCommandAuthenticatorTest {
    static Credentials run(String... argv) {
        return new ExternalCommandAuthenticator(List.of(argv), Duration.ofSeconds(10)).authenticate();
    }

    @Test
    void trimmedStdoutIsTheToken() {
        assertEquals("tok-123", run("printf", "  tok-123 \n").accessToken());
    }

    @Test
    void argumentsAreNotInterpretedByAShell() {
        assertEquals("$HOME;`id`|x", run("printf", "%s", "$HOME;`id`|x").accessToken());
    }

    @Test
    void nonZeroExitFailsWithStderrAndExitCode() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> run("sh", "-c", "echo 'please run gcloud auth login' >&2; exit 3"));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
        assertTrue(e.getMessage().contains("please run gcloud auth login"), e.getMessage());
    }

    @Test
    void emptyOutputIsAnError() {
        assertThrows(AuthenticationException.class, () -> run("true"));
    }

    @Test
    void missingProgramSaysToInstallIt() {
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> run("/nonexistent/token-helper"));
        assertTrue(e.getMessage().contains("PATH"), e.getMessage());
    }

    @Test
    void hangingCommandTimesOut() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> new ExternalCommandAuthenticator(List.of("sleep", "30"), Duration.ofMillis(200)).authenticate());
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    @Test
    void commandOutputIsNeverPersisted() {
        assertFalse(new ExternalCommandAuthenticator(List.of("true"), Duration.ofSeconds(1)).persistable());
    }
}
