package dev.flagpost.authn.store;

import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.testing.TestDatabases;

class PostgresAuthenticationStoreTest extends AuthenticationStoreConformance {
    private final String schema = TestDatabases.newSchemaName();
    private DatabaseConfig config;

    @Override
    DatabaseConfig database() {
        if (config == null) {
            config = TestDatabases.postgres(schema);
        }
        return config;
    }

    @Override
    void afterClose() {
        TestDatabases.dropPostgresSchema(schema);
    }
}
