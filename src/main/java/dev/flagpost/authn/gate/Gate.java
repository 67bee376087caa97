package dev.flagpost.authn.gate;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Credential;
import dev.flagpost.authn.CredentialExtractor;
import dev.flagpost.authn.CredentialExtractor.Extraction;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.Resolution;
import dev.flagpost.authn.web.CsrfGuard;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The authentication decision for every request, HTTP or gRPC: route → credential → resolution →
 * namespace scope → CSRF. It decides and never writes: {@code GateFilter} (HTTP) and
 * {@code GrpcAuthInterceptor} (gRPC) enforce the decision by not running the request at all.
 */
public final class Gate {
    private static final Logger LOG = Logger.getLogger(Gate.class.getName());
    public static final String UNAVAILABLE_MESSAGE =
            "the credential could not be checked: the authentication store is unavailable; try again shortly";
    static final String CSRF_TOKEN_MESSAGE = "missing or invalid " + CsrfGuard.HEADER
            + " header: read it from GET /meta/info and send it with every change";

    private final SectionAccess access;
    private final Function<Credential, Resolution> resolver;
    private final CsrfGuard csrf;
    /** Resolution from memory only: empty when it would need the store or a key server. */
    private final Function<Credential, Optional<Resolution>> inMemory;
    private final Function<Credential, Optional<Resolution>> loading;

    /** @param resolver {@code CredentialResolver::resolve}: static tokens, cache, store, JWT */
    public Gate(SectionAccess access, Function<Credential, Resolution> resolver, CsrfGuard csrf) {
        this(access, resolver, csrf, c -> Optional.empty());
    }

    /** @param inMemory {@code CredentialResolver::resolveInMemory} */
    public Gate(SectionAccess access, Function<Credential, Resolution> resolver, CsrfGuard csrf,
                Function<Credential, Optional<Resolution>> inMemory) {
        this.access = access;
        this.resolver = resolver;
        this.csrf = csrf;
        this.inMemory = inMemory;
        this.loading = c -> Optional.of(resolver.apply(c));
    }

    /** Whether {@link #decideInMemory} would answer. */
    public boolean decidesWithoutIo(GateRequest r) {
        return decideInMemory(r).isPresent();
    }

    /**
     * {@link #decide}, without I/O: the same decision when nothing needs resolving (an open section,
     * no credential, a malformed one) or the credential is known in memory; empty otherwise. A caller
     * on a thread that must not block decides here once and hands the decision on.
     */
    public Optional<Decision> decideInMemory(GateRequest r) {
        return decide(r, inMemory);
    }

    public SectionAccess access() {
        return access;
    }

    public Decision decide(GateRequest r) {
        return decide(r, loading).orElseThrow();
    }

    private Optional<Decision> decide(GateRequest r, Function<Credential, Optional<Resolution>> resolve) {
        boolean csrfApplies = r.browser() && csrf.enabled() && CsrfGuard.unsafe(r.method());
        if (csrfApplies) {
            // Before anything else and on every route: a cross-site write is refused whoever sends it.
            String crossSite = csrf.crossSiteReason(r.secFetchSite(), r.origin(), r.host());
            if (crossSite != null) {
                return Optional.of(new Decision.Refuse(Code.PERMISSION_DENIED, "cross-site request refused (" + crossSite + ")", false));
            }
        }
        if (!access.needsCaller(r.route().section())) {
            return Optional.of(Decision.OPEN);
        }
        Extraction extraction = CredentialExtractor.extract(r.authorization(), r.cookie());
        if (!(extraction instanceof Extraction.Found found)) {
            boolean cookie = extraction instanceof Extraction.Malformed bad && bad.source() == Credential.Source.COOKIE;
            if (extraction instanceof Extraction.Malformed bad) {
                LOG.fine(() -> "refused " + r.route().name() + ": " + bad.reason());
            }
            return Optional.of(unauthenticated(cookie));
        }
        boolean fromCookie = found.credential().source() == Credential.Source.COOKIE;
        Optional<Resolution> resolved = resolve.apply(found.credential());
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Resolution resolution = resolved.get();
        if (resolution instanceof Resolution.Unavailable) {
            // Nothing was decided about the credential: keep the cookie, say why.
            return Optional.of(new Decision.Refuse(Code.UNAVAILABLE, UNAVAILABLE_MESSAGE, false));
        }
        if (!(resolution instanceof Resolution.Authenticated ok)) {
            LOG.fine(() -> "refused " + found.credential() + ": " + ((Resolution.Unauthenticated) resolution).reason());
            return Optional.of(unauthenticated(fromCookie));
        }
        String outside = outsideScope(ok.authentication(), r.route());
        if (outside != null) {
            return Optional.of(new Decision.Refuse(Code.PERMISSION_DENIED, NamespaceScope.denied(ok.authentication().namespace(), outside).getMessage(), false));
        }
        if (csrfApplies && fromCookie && !csrf.tokenMatches(ok.authentication().id(), r.csrfToken())) {
            return Optional.of(new Decision.Refuse(Code.PERMISSION_DENIED, CSRF_TOKEN_MESSAGE, false));
        }
        return Optional.of(new Decision.Pass(ok.authentication()));
    }

    /** What a namespace-scoped caller may not reach here, or null when it may. */
    private static String outsideScope(Authentication caller, Route route) {
        String scope = caller.namespace();
        if (scope == null) {
            return null;
        }
        return switch (route.scope()) {
            case IN_REQUEST -> null; // the handler checks each namespace the request names
            case NAMESPACE -> scope.equals(route.namespace()) ? null : "namespace \"" + route.namespace() + "\"";
            case UNSCOPED -> route.name();
        };
    }

    private static Decision unauthenticated(boolean clearCookies) {
        return new Decision.Refuse(Code.UNAUTHENTICATED, FliptException.UNAUTHENTICATED_MESSAGE, clearCookies);
    }
}
