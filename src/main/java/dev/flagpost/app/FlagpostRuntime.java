package dev.flagpost.app;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.ClientTokenGenerator;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.client.ProviderMetadata;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.grpc.Lookup;
import dev.flagpost.authn.method.jwt.JwtAuthenticator;
import dev.flagpost.authn.method.github.GithubMethod;
import dev.flagpost.authn.method.kubernetes.KubernetesLogin;
import dev.flagpost.authn.method.kubernetes.ServiceAccountVerifier;
import dev.flagpost.authn.method.oidc.OidcMethod;
import dev.flagpost.authn.session.LoginFlowEntity;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.session.SessionIssuer;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.authn.method.token.BootstrapToken;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.method.token.TokenCreator;
import dev.flagpost.authn.store.AuthenticationStore;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.web.SessionCookies;
import dev.flagpost.config.FlagpostConfig;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.evaluation.SnapshotLoader;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import dev.flagpost.config.InvalidConfigException;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.Jpa;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Builds Flagpost's parts once, at application start, in dependency order: validated config,
 * database (migrated), store, cache, resolver, bootstrap token. If the config is invalid or the
 * database cannot be reached, start-up stops with a message naming the cause and the fix.
 */
@ApplicationScoped
public class FlagpostRuntime {
    private static final Logger LOG = Logger.getLogger(FlagpostRuntime.class.getName());

    @Inject
    Config mpConfig;

    private final Clock clock = Clock.systemUTC();
    private final ClientTokenGenerator tokenGenerator = new ClientTokens();
    private FlagpostConfig config;
    private Database database;
    private AuthenticationStore store;
    private AuthenticationCache cache;
    private StaticTokens staticTokens;
    private CredentialResolver resolver;
    private AuthenticationService authentications;
    private TokenCreator tokenCreator;
    private KubernetesLogin kubernetesLogin;
    private Gate gate;
    private SessionCookies sessionCookies;
    private CsrfGuard csrf;
    private LoginFlows loginFlows;
    private SessionIssuer sessions;
    private OidcMethod oidc;
    private GithubMethod github;
    /** Looked up on every request that presents a stored token, so computed once. */
    private Set<Method> enabledMethods;
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
        cache = new AuthenticationCache(config.cache().ttl(), config.cache().size());
        staticTokens = new StaticTokens(auth.token(), clock.instant());
        JwtAuthenticator jwt = auth.jwt().enabled() ? new JwtAuthenticator(auth.jwt(), clock) : null;
        sessionCookies = new SessionCookies(auth.session());
        csrf = new CsrfGuard(auth.session());
        loginFlows = new LoginFlows(jpa, clock, auth.session().stateLifetime());
        tokenCreator = new TokenCreator(store, tokenGenerator, clock);
        sessions = new SessionIssuer(tokenCreator, auth.session(), sessionCookies, clock);
        oidc = auth.oidc().enabled() ? new OidcMethod(auth.oidc(), loginFlows, sessions, clock) : null;
        github = auth.github().enabled() ? new GithubMethod(auth.github(), loginFlows, sessions) : null;
        enabledMethods = EnumSet.noneOf(Method.class);
        for (Method m : Method.values()) {
            if (auth.enabled(m)) {
                enabledMethods.add(m);
            }
        }
        resolver = new CredentialResolver(staticTokens, store, cache, clock, this::refusal, jwt == null ? null : jwt::authenticate);
        authentications = new AuthenticationService(store, staticTokens, cache, clock);
        kubernetesLogin = auth.kubernetes().enabled()
                ? new KubernetesLogin(new ServiceAccountVerifier(auth.kubernetes(), clock), tokenCreator) : null;
        gate = new Gate(new SectionAccess(auth), resolver::resolve, csrf, resolver::resolvesWithoutIo);
        providerMetadata = auth.client().configured() ? new ProviderMetadata(auth.client().issuer(), clock) : null;
        BootstrapToken.ensure(auth.token(), store, tokenCreator, clock, System.out);
        Lookup.register(this);
        LOG.info(() -> "Flagpost started: authentication " + (auth.required() ? "required" : "not required")
                + ", exclusions " + auth.exclude() + ", token cache ttl " + config.cache().ttl());
    }

    /** Why a stored authentication no longer works although it has not expired, or null when it does. */
    private String refusal(Authentication a) {
        if (!enabledMethods.contains(a.method())) {
            return "the " + a.method().configKey() + " method is not enabled";
        }
        if (oidc != null && !oidc.stillAllowed(a)) {
            return "the session's email no longer matches authentication.methods.oidc.email_matches";
        }
        return null;
    }

    /** Starts the parts with the application rather than on the first request, so that errors show at once. */
    void onStartup(@Observes Startup event) {
        config();
    }

    @PreDestroy
    void stop() {
        Lookup.register(null);
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

    public FlagpostConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public AuthenticationStore store() {
        return store;
    }

    public CredentialResolver resolver() {
        return resolver;
    }

    public AuthenticationService authentications() {
        return authentications;
    }

    public TokenCreator tokenCreator() {
        return tokenCreator;
    }

    /** Null when the kubernetes method is off. */
    public KubernetesLogin kubernetesLogin() {
        return kubernetesLogin;
    }

    public Gate gate() {
        return gate;
    }

    public SessionCookies sessionCookies() {
        return sessionCookies;
    }

    public CsrfGuard csrf() {
        return csrf;
    }

    public LoginFlows loginFlows() {
        return loginFlows;
    }

    /** The OIDC method, or null when it is off. */
    public OidcMethod oidc() {
        return oidc;
    }

    /** The GitHub method, or null when it is off. */
    public GithubMethod github() {
        return github;
    }

    /** The listing metadata of an enabled method (its authorize/callback URLs under {@code prefix}); empty for the others. */
    public java.util.Map<String, Object> listingMetadata(dev.flagpost.authn.Method method, String prefix) {
        if (method == dev.flagpost.authn.Method.OIDC && oidc != null) {
            return oidc.listingMetadata(prefix);
        }
        if (method == dev.flagpost.authn.Method.GITHUB && github != null) {
            return github.listingMetadata(prefix);
        }
        return java.util.Map.of();
    }

    public ProviderMetadata providerMetadata() {
        return providerMetadata;
    }

    public FlagServices flags() {
        return flags;
    }

    public EvaluationService evaluation() {
        return evaluation;
    }

    public EvaluationStateCache evaluationCache() {
        return evaluationCache;
    }
}
