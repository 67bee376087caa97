package dev.flagpost.authn.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A browser login between authorize and callback. It lives in the database, not in memory, so a
 * callback may land on any node and can be used once across the cluster.
 */
@Entity
@Table(name = "login_flows")
public class LoginFlowEntity {
    @Id
    @Column(name = "state_hash", length = 64)
    String stateHash;

    @Column(name = "method", nullable = false)
    int method;

    @Column(name = "provider", nullable = false, length = 200)
    String provider;

    @Column(name = "nonce", nullable = false, length = 200)
    String nonce;

    @Column(name = "code_verifier", length = 200)
    String codeVerifier;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    protected LoginFlowEntity() {
    }
}
