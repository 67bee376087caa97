package dev.flagpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An invalid config stops the real server at start with exit code 78 and a message naming the
 * key. (Every rule is also unit-tested in FlagpostConfigTest; these start the server for real.)
 */
class ConfigErrorsIT {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "authentication: {requird: true, methods: {token: {enabled: true}}}|authentication.requird",
            "authentication: {methods: {token: {enabled: true, cleanup: {interval: 0}}}}|authentication.methods.token.cleanup.interval",
            "authentication: {methods: {oidc: {enabled: true}}}|authentication.session.domain",
            "authentication: {methods: {token: {enabled: false}}}|authentication.required",
            "'authentication: [unclosed'|FLAGPOST_CONFIG",
            "db: {url: 'mysql://u@h/d'}|db.url"})
    void invalidConfigStopsTheServerWithAMessageNamingTheKey(String yaml, String key) {
        FlagpostServer.Exit exit = FlagpostServer.expectExit("invalid-" + Integer.toHexString(key.hashCode()), yaml, Map.of());
        assertEquals(78, exit.code(), exit.output());
        assertTrue(exit.output().contains("field \"" + key + "\""), exit.output());
        assertTrue(exit.output().contains("fix:"), exit.output());
        String out = exit.output().substring(exit.output().lastIndexOf("=== start")); // this start only
        String problem = "field \"" + key + "\"";
        assertEquals(out.indexOf(problem), out.lastIndexOf(problem), "the problem is printed once:\n" + out);
    }

    @org.junit.jupiter.api.Test
    void aYamlErrorSaysWhereAndNothingElse() {
        FlagpostServer.Exit exit = FlagpostServer.expectExit("invalid-yaml-position", "authentication:\n  required: true\n  methods: [unclosed\n", Map.of());
        assertEquals(78, exit.code(), exit.output());
        assertTrue(exit.output().contains("line 4, column 1") || exit.output().contains("line 3,"), exit.output());
        assertTrue(!exit.output().contains("no authentication method is enabled"), "no follow-up problem:\n" + exit.output());
    }

    @org.junit.jupiter.api.Test
    void anUnknownKeySuggestsTheNearOne() {
        FlagpostServer.Exit exit = FlagpostServer.expectExit("invalid-typo", "authentication: {requird: true, methods: {token: {enabled: true}}}", Map.of());
        assertTrue(exit.output().contains("did you mean `authentication.required`?"), exit.output());
    }

    @org.junit.jupiter.api.Test
    void aGrpcPortInUseStopsTheStartNamingTheKeyAndTheFix() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            FlagpostServer.Exit exit = FlagpostServer.expectExit("grpc-port-taken", null,
                    Map.of("FLAGPOST_GRPC_PORT", Integer.toString(taken.getLocalPort())));
            assertEquals(78, exit.code(), exit.output());
            assertTrue(exit.output().contains("gRPC cannot listen") && exit.output().contains("FLAGPOST_GRPC_PORT"), exit.output());
        }
    }

    @org.junit.jupiter.api.Test
    void zeroGrpcEventLoopsStopTheStartNamingTheKeyAndTheFix() {
        FlagpostServer.Exit exit = FlagpostServer.expectExit("grpc-event-loops", null, Map.of("FLAGPOST_GRPC_EVENT_LOOPS", "0"));
        assertEquals(78, exit.code(), exit.output());
        assertTrue(exit.output().contains("flagpost.grpc.event-loops") && exit.output().contains("FLAGPOST_GRPC_EVENT_LOOPS")
                && exit.output().contains("'0'"), exit.output());
    }
}
