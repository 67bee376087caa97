package dev.flagpost.authn.cleanup;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.store.AuthenticationStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One node-local interval timer per enabled method that stores authentications (intervals come from config, so they cannot be
 * {@code @Schedule} constants). Cluster-wide "once per interval" is the cleaner's lease, not the
 * timer's: that works the same on the embedded database and PostgreSQL (docs/architecture.md).
 */
@Singleton
@Startup
public class CleanupScheduler {
    private static final Logger LOG = Logger.getLogger(CleanupScheduler.class.getName());
    @Resource
    TimerService timers;

    @Inject
    AuthenticationConfig config;

    @Inject
    AuthenticationStore store;

    @Inject
    LoginFlows loginFlows;

    @Inject
    Clock clock;

    private ExpiredAuthenticationCleaner cleaner;

    @PostConstruct
    void schedule() {
        String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        cleaner = new ExpiredAuthenticationCleaner(store, clock, node);
        for (AuthMethodFactory<?> f : AuthMethods.factories()) {
            Method m = f.method();
            MethodConfig settings = config.method(m);
            if (settings.enabled() && f.storesAuthentications()) {
                long every = settings.cleanup().interval().toMillis();
                timers.createIntervalTimer(Math.min(every, 5_000), every, new TimerConfig(m, false));
                LOG.info(() -> "cleanup of " + m.wireName() + " every " + settings.cleanup().interval()
                        + ", grace period " + settings.cleanup().gracePeriod());
            }
        }
    }

    /**
     * Outside any container transaction: the store commits each batch in its own resource-local
     * transaction, and a paced cleanup of millions of rows outlasts Liberty's default 120 s
     * transaction lifetime, whose timeout would make the container retry the callback. A read
     * lock: the cleaner is thread-safe, and one method's paced run must not hold up the others'.
     */
    @Timeout
    @Lock(LockType.READ)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run(Timer timer) {
        Method m = (Method) timer.getInfo();
        try {
            cleaner.runIfDue(m, config.method(m).cleanup());
            if (AuthMethods.sessionCompatible(m)) {
                // Logins that were started and never finished; harmless if two nodes both do it.
                loginFlows.deleteExpired();
            }
        } catch (RuntimeException e) {
            // The next interval tries again; a database outage must not kill the timer.
            LOG.log(Level.WARNING, "cleanup of " + m.wireName() + " failed: " + e.getMessage());
        }
    }
}
