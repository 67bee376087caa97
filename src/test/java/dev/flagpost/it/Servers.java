package dev.flagpost.it;

import dev.flagpost.testing.TestDatabases;
import java.util.Map;

/** The servers the integration tests share, each started once per run. */
final class Servers {
    static final String STATIC_CREDENTIAL = "it-static-credential-0123456789abcdef0123456789abcdef";

    /** The config the behaviour suites run with: short cleanup, a static token. Test fixture only. */
    static final String TEST_CONFIG = """
            authentication:
              required: true
              methods:
                token:
                  enabled: true
                  cleanup:
                    interval: 1s
                    grace_period: 2s
                  storage:
                    tokens:
                      ci-static:
                        credential: "${env:IT_STATIC_TOKEN}"
                        metadata:
                          app: integration-tests
            """;

    private Servers() {
    }

    static FlagpostServer byDatabase(String db) {
        return switch (db) {
            case "h2" -> FlagpostServer.shared("h2", TEST_CONFIG, Map.of("IT_STATIC_TOKEN", STATIC_CREDENTIAL));
            case "pg" -> postgres();
            default -> throw new IllegalArgumentException(db);
        };
    }

    static FlagpostServer postgres() {
        return FlagpostServer.shared("pg", TEST_CONFIG, pgEnv());
    }

    private static String pgSchema;

    private static synchronized Map<String, String> pgEnv() {
        if (pgSchema == null) {
            pgSchema = TestDatabases.newSchemaName();
            TestDatabases.postgres(pgSchema);
        }
        return Map.of("IT_STATIC_TOKEN", STATIC_CREDENTIAL,
                "FLAGPOST_DB_URL", TestDatabases.PG_URL + "?currentSchema=" + pgSchema,
                "FLAGPOST_DB_USER", TestDatabases.PG_USER);
    }

    /**
     * The gate suite's server: PostgreSQL (so that the test can read every row directly), CSRF
     * protection on, default cleanup (nothing is deleted while the suite compares the database).
     */
    static FlagpostServer gate() {
        return FlagpostServer.shared("gate", """
                authentication:
                  required: true
                  session:
                    csrf:
                      key: "it-csrf-key-test-fixture-only"
                  methods:
                    token:
                      enabled: true
                """, Map.of("FLAGPOST_DB_URL", TestDatabases.PG_URL + "?currentSchema=" + gateSchema(),
                "FLAGPOST_DB_USER", TestDatabases.PG_USER));
    }

    private static String gateSchema;

    static synchronized String gateSchema() {
        if (gateSchema == null) {
            gateSchema = TestDatabases.newSchemaName();
            TestDatabases.postgres(gateSchema);
        }
        return gateSchema;
    }

    /** Token and JWT methods, the JWT keys served by {@code jwksUrl} (issuer idp.example.com, audience flagpost). */
    static FlagpostServer withJwt(String name, String jwksUrl) {
        return FlagpostServer.shared(name, """
                authentication:
                  required: true
                  methods:
                    token: {enabled: true}
                    jwt:
                      enabled: true
                      jwks_url: "${env:IT_JWKS_URL}"
                      validate_claims:
                        issuer: https://idp.example.com
                        audiences: [flagpost]
                """, Map.of("IT_JWKS_URL", jwksUrl));
    }

    static FlagpostServer excluded() {
        return FlagpostServer.shared("excluded", """
                authentication:
                  required: true
                  exclude: {management: true, evaluation: true, ofrep: true}
                  methods: {token: {enabled: true}}
                """, Map.of());
    }

    static FlagpostServer notRequired() {
        return FlagpostServer.shared("open", """
                authentication:
                  required: false
                  methods: {token: {enabled: true}}
                """, Map.of());
    }
}
