package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.config.InvalidConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcPortEventLoopsTest {
    @Test
    void unsetMeansHalfTheCoresAndAtLeastOne() {
        assertEquals(1, GrpcPort.eventLoops(Optional.empty(), 1));
        assertEquals(1, GrpcPort.eventLoops(Optional.empty(), 2));
        assertEquals(1, GrpcPort.eventLoops(Optional.empty(), 3));
        assertEquals(4, GrpcPort.eventLoops(Optional.of(" "), 8));
    }

    @Test
    void aSettingOfOneOrMoreIsTakenAsIs() {
        assertEquals(6, GrpcPort.eventLoops(Optional.of(" 6 "), 2));
        assertEquals(1, GrpcPort.eventLoops(Optional.of("1"), 64));
    }

    @Test
    void zeroNegativeOrNonNumericLoopsStopTheStartNamingTheKeyAndTheFix() {
        for (String bad : new String[] {"0", "-2", "four", "1.5"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> GrpcPort.eventLoops(Optional.of(bad), 8));
            assertEquals(GrpcPort.EVENT_LOOPS, e.problems().get(0).key());
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("FLAGPOST_GRPC_EVENT_LOOPS"), e.getMessage());
        }
    }
}
