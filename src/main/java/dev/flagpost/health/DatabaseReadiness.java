package dev.flagpost.health;

import dev.flagpost.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers: a node that cannot check credentials should get no traffic. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Inject
    Database database;

    @Override
    public HealthCheckResponse call() {
        boolean up = database.isReachable();
        return HealthCheckResponse.named("database")
                .status(up)
                .withData("kind", database.config().kind().name())
                .build();
    }
}
