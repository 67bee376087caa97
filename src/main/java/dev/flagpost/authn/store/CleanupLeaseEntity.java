package dev.flagpost.authn.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** When a method's cleanup may next run, shared by every node on the database. */
@Entity
@Table(name = "cleanup_leases")
public class CleanupLeaseEntity {
    @Id
    @Column(name = "method")
    int method;

    @Column(name = "next_run_at", nullable = false)
    Instant nextRunAt;

    @Column(name = "holder", nullable = false, length = 200)
    String holder;

    protected CleanupLeaseEntity() {
    }

    CleanupLeaseEntity(int method, Instant nextRunAt, String holder) {
        this.method = method;
        this.nextRunAt = nextRunAt;
        this.holder = holder;
    }
}
