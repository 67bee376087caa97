package dev.flagpost.authn.session;

import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.persistence.Jpa;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side half of a login flow: the nonce and PKCE verifier that belong to one state. Fresh
 * per authorize request; {@link #consume} hands a flow out at most once, on any node.
 */
public final class LoginFlows {
    /** What the callback needs to finish the flow it started. */
    public record Flow(Method method, String provider, String nonce, String codeVerifier) {
        @Override
        public String toString() {
            return "Flow[" + method + "/" + provider + "]";
        }
    }

    private final Jpa jpa;
    private final Clock clock;
    private final Duration lifetime;

    public LoginFlows(Jpa jpa, Clock clock, Duration lifetime) {
        this.jpa = jpa;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public void begin(String securityToken, Flow flow) {
        LoginFlowEntity e = new LoginFlowEntity();
        e.stateHash = ClientTokens.hash(securityToken);
        e.method = flow.method().number();
        e.provider = flow.provider();
        e.nonce = flow.nonce();
        e.codeVerifier = flow.codeVerifier();
        e.expiresAt = clock.instant().plus(lifetime);
        jpa.write(em -> {
            em.persist(e);
            return null;
        });
    }

    /**
     * The flow for this security token, removed in the same step. Empty when unknown, already used,
     * expired, or started for another method or provider (the per-provider binding is the mix-up
     * defence). Of two concurrent callbacks with the same state only one gets the flow.
     */
    public Optional<Flow> consume(String securityToken, Method method, String provider) {
        String hash = ClientTokens.hash(securityToken);
        Instant now = clock.instant();
        return jpa.write(em -> {
            LoginFlowEntity e = em.find(LoginFlowEntity.class, hash);
            if (e == null) {
                return Optional.<Flow>empty();
            }
            int deleted = em.createQuery("delete from LoginFlowEntity f where f.stateHash = :h")
                    .setParameter("h", hash).executeUpdate();
            if (deleted != 1 || e.expiresAt.isBefore(now) || e.method != method.number() || !e.provider.equals(provider)) {
                return Optional.<Flow>empty();
            }
            return Optional.of(new Flow(method, e.provider, e.nonce, e.codeVerifier));
        });
    }

    /** Removes flows nobody finished; called by the cleanup timer. */
    public int deleteExpired() {
        Instant now = clock.instant();
        return jpa.write(em -> em.createQuery("delete from LoginFlowEntity f where f.expiresAt < :now")
                .setParameter("now", now).executeUpdate());
    }
}
