package dev.flagpost.app;

import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.client.ProviderMetadata;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.authn.session.LoginFlowEntity;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.session.SessionIssuer;
import dev.flagpost.authn.store.AuthenticationStore;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.authn.web.SessionCookies;
import dev.flagpost.config.FlagpostConfig;
import dev.flagpost.config.InvalidConfigException;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.evaluation.SnapshotLoader;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.Jpa;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The composition root: builds Flagpost's parts once, at application start, in dependency order —
 * validated config, database (migrated), store, flags, cache, running methods, resolver, gate,
 * bootstrap token — and hands each to CDI through a producer, so that every resource and service
 * injects only the parts it uses. Nothing calls this class directly. If the config is invalid or
 * the database cannot be reached, start-up stops with a message naming the cause and the fix.
 *
 * <p>The producers are {@code @Dependent} (the parts are immutable or thread-safe singletons held
 * here); injecting one is a field read on this bean's proxy.
 */
@ApplicationScoped
public class Parts {
    private static final Logger LOG = Logger.getLogger(Parts.class.getName());

    @Inject
    Config mpConfig;

    private final Clock clock = Clock.systemUTC();
    private FlagpostConfig config;
    private Database database;
    private AuthenticationStore store;
    private AuthMethods methods;
    private CredentialResolver resolver;
    private AuthenticationService authentications;
    private Gate gate;
    private SessionCookies sessionCookies;
    private CsrfGuard csrf;
    private LoginFlows loginFlows;
    private FlagServices flags;
    private ProviderMetadata providerMetadata;
    private EvaluationStateCache evaluationCache;
    private EvaluationService evaluation;

    @PostConstruct
    void start() {
        try {
            config = FlagpostConfig.load(mpConfig);
        } catch (InvalidConfigException e) {
            throw StartupFailure.stop("Flagpost cannot start: " + e.getMessage(), e);
        }
        AuthenticationConfig auth = config.authentication();
        try {
            List<Class<?>> entities = new ArrayList<>(JpaAuthenticationStore.entities());
            entities.addAll(FlagServices.ENTITIES);
            entities.add(LoginFlowEntity.class);
            database = Database.open(config.database(), entities);
        } catch (RuntimeException e) {
            throw StartupFailure.stop("Flagpost cannot start: the database at " + config.database().describe()
                    + " could not be opened or migrated: " + rootMessage(e)
                    + "\n  (fix: start the database, or correct db.url / FLAGPOST_DB_URL)", e);
        }
        Jpa jpa = database.jpa();
        store = new JpaAuthenticationStore(jpa, clock);
        evaluationCache = new EvaluationStateCache(new SnapshotLoader(jpa));
        flags = FlagServices.over(new FlagState(jpa, clock, evaluationCache::invalidate));
        evaluation = new EvaluationService(evaluationCache, clock);
        AuthenticationCache cache = new AuthenticationCache(config.cache().ttl(), config.cache().size());
        sessionCookies = new SessionCookies(auth.session());
        csrf = new CsrfGuard(auth.session());
        loginFlows = new LoginFlows(jpa, clock, auth.session().stateLifetime());
        TokenCreator tokenCreator = new TokenCreator(store, new ClientTokens(), clock);
        SessionIssuer sessions = new SessionIssuer(tokenCreator, auth.session(), sessionCookies, clock);
        // Each enabled method starts here (the token method creates the bootstrap token).
        methods = AuthMethods.start(auth, new MethodContext(store, tokenCreator, sessions, loginFlows, clock));
        resolver = new CredentialResolver(methods.configured(), store, cache, clock, methods::refusal,
                methods.jwtVerifier() == null ? null : methods.jwtVerifier()::verify);
        authentications = new AuthenticationService(store, methods.configured(), cache, clock);
        gate = new Gate(new SectionAccess(auth), resolver::resolve, csrf, resolver::resolveInMemory);
        providerMetadata = auth.client().configured() ? new ProviderMetadata(auth.client().issuer(), clock) : null;
        LOG.info(() -> "Flagpost started: authentication " + (auth.required() ? "required" : "not required")
                + ", exclusions " + auth.exclude() + ", token cache ttl " + config.cache().ttl());
    }

    /** Builds the parts with the application rather than on the first request, so that errors show at once. */
    void onStartup(@Observes Startup event) {
        // Observing is enough: CDI creates this bean (and so runs start()) to deliver the event.
    }

    @PreDestroy
    void stop() {
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the database failed", e);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Produces
    FlagpostConfig config() {
        return config;
    }

    @Produces
    AuthenticationConfig authenticationConfig() {
        return config.authentication();
    }

    @Produces
    Clock clock() {
        return clock;
    }

    @Produces
    Database database() {
        return database;
    }

    @Produces
    AuthenticationStore store() {
        return store;
    }

    @Produces
    AuthMethods methods() {
        return methods;
    }

    @Produces
    AuthenticationService authentications() {
        return authentications;
    }

    @Produces
    Gate gate() {
        return gate;
    }

    @Produces
    SessionCookies sessionCookies() {
        return sessionCookies;
    }

    @Produces
    CsrfGuard csrf() {
        return csrf;
    }

    @Produces
    LoginFlows loginFlows() {
        return loginFlows;
    }

    /** Null when {@code authentication.client} is not configured. */
    @Produces
    ProviderMetadata providerMetadata() {
        return providerMetadata;
    }

    @Produces
    FlagServices flags() {
        return flags;
    }

    @Produces
    EvaluationService evaluation() {
        return evaluation;
    }

    @Produces
    EvaluationStateCache evaluationCache() {
        return evaluationCache;
    }
}
