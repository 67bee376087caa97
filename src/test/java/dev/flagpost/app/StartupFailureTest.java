package dev.flagpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a start-up error stops the whole process (Flagpost's own server) or only the application (a shared server). */
class StartupFailureTest {

    @ParameterizedTest(name = "env {0}, server.xml {1} -> exits {2}")
    @CsvSource(nullValues = "none", value = {
            // A stock Liberty server deploying the WAR: no variable, no environment -> only the application fails.
            "none,  none,  false",
            // Flagpost's own server.xml (runnable jar, liberty:run, container) declares the variable true.
            "none,  true,  true",
            "none,  TRUE,  true",
            "none,  false, false",
            "none,  yes,   false",
            // The environment variable wins either way.
            "false, true,  false",
            "FALSE, true,  false",
            "true,  none,  true",
            "true,  false, true",
            // As before the setting existed: anything but `false` in the environment exits.
            "1,     none,  true"})
    void theEnvironmentWinsThenTheServerSettingThenTheApplicationAloneFails(String env, String setting, boolean exits) {
        assertEquals(exits, StartupFailure.exitsProcess(Optional.ofNullable(env), () -> Optional.ofNullable(setting)));
    }
}
