package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"24h,PT24H", "10m,PT10M", "90s,PT1M30S", "1h30m,PT1H30M", "1.5h,PT1H30M", "250ms,PT0.25S",
            "0,PT0S", "-5m,PT-5M", "2h45m30.5s,PT2H45M30.5S", "1us,PT0.000001S", "3ns,PT0.000000003S"})
    void parsesGoDurations(String text, String iso) {
        assertEquals(Duration.parse(iso), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3600", "1d", "h", "1h 30m", "1H", "--1h", "1.h.5", "abc", "5m-3s"})
    void rejectsWhatGoWouldRejectOrWhatIsSurelyAMistake(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"PT24H,24h", "PT1H30M,1h30m", "PT0.25S,0.25s", "PT0S,0s"})
    void formatsInGoForm(String iso, String go) {
        assertEquals(go, GoDuration.format(Duration.parse(iso)));
    }
}
