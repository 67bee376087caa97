package dev.flagpost.health;

import dev.flagpost.app.FlagpostRuntime;
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
    FlagpostRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        boolean up = runtime.database().isReachable();
        return HealthCheckResponse.named("database")
                .status(up)
                .withData("kind", runtime.database().config().kind().name())
                .build();
    }
}
