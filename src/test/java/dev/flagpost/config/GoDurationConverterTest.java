package dev.flagpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.testing.Configs;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class GoDurationConverterTest {
    private final Config config = Configs.of("""
            authentication:
              session:
                token_lifetime: 1h30m
            """, Map.of("FLIPT_AUTHENTICATION_SESSION_STATE_LIFETIME", "90s"));

    @Test
    void microProfileConfigReadsGoDurationsThroughTheRegisteredConverter() {
        assertInstanceOf(GoDurationConverter.class, config.getConverter(Duration.class).orElseThrow());
        assertEquals(Duration.ofMinutes(90), config.getValue("authentication.session.token_lifetime", Duration.class));
        assertEquals(Duration.ofSeconds(90), config.getValue("authentication.session.state_lifetime", Duration.class));
    }

    @Test
    void aBadDurationIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GoDurationConverter().convert("5 fortnights"));
        assertTrue(e.getMessage().contains("5 fortnights"), e.getMessage());
    }

    @Test
    void aBadDurationInTheConfigIsAProblemNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Configs.load("authentication:\n  session:\n    token_lifetime: 5x\n"));
        assertTrue(e.getMessage().contains("authentication.session.token_lifetime"), e.getMessage());
    }
}
