package dev.flagpost.authn.store;

import dev.flagpost.persistence.DatabaseConfig;
import dev.flagpost.testing.TestDatabases;

class H2AuthenticationStoreTest extends AuthenticationStoreConformance {
    private final DatabaseConfig config = TestDatabases.h2();

    @Override
    DatabaseConfig database() {
        return config;
    }
}
