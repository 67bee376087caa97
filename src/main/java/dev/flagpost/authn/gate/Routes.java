package dev.flagpost.authn.gate;

import dev.flagpost.authn.gate.Route.Scope;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.AuthMethods;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one route table: which section each HTTP route and each gRPC method belongs to, and what a
 * namespace-scoped token may do there. Allow-lists only: a path or RPC not named here is
 * {@link Section#OTHER} (a caller when authentication is required), and nothing under
 * {@code /auth/v1} or {@code flipt.auth} is public unless listed.
 */
public final class Routes {
    private static final Route API_UNSCOPED = Route.unscoped(Section.MANAGEMENT, "this API");
    private static final Route EVALUATION = new Route(Section.EVALUATION, Scope.IN_REQUEST, null, "this API");
    /** Flipt v1's legacy {@code /api/v1/evaluate} and {@code /batch-evaluate}: management, the namespace in the body. */
    private static final Route LEGACY_EVALUATION = new Route(Section.MANAGEMENT, Scope.IN_REQUEST, null, "this API");
    private static final Route INTERNAL = Route.unscoped(Section.EVALUATION, "this API");
    private static final Route OFREP = new Route(Section.OFREP, Scope.IN_REQUEST, null, "this API");
    private static final Route AUTH = Route.unscoped(Section.AUTH, "this API");
    private static final Route PUBLIC = Route.unscoped(Section.PUBLIC, "this API");
    private static final Route OTHER = Route.unscoped(Section.OTHER, "this API");

    private static final String NAMESPACES = "/api/v1/namespaces/";
    private static final Pattern SNAPSHOT = Pattern.compile("^/internal/v1/evaluation/snapshot/namespace/([^/]+)$");
    /** Public routes of Flagpost itself; each method adds its own (login starts and callbacks). */
    private static final List<Pattern> PUBLIC_HTTP = publicHttp(List.of(
            "/auth/v1/client-config",
            "/\\.well-known/oauth-authorization-server",
            "/health(/.*)?",
            "/metrics(/.*)?",
            "/(index\\.html|favicon\\.ico|favicon\\.svg)?",
            "/assets/.*"));

    private static final Set<String> PUBLIC_RPCS = publicRpcs(Set.of(
            "flipt.auth.PublicAuthenticationService/ListAuthenticationMethods",
            "flagpost.client.v1.ClientConfigService/GetClientConfig",
            "grpc.health.v1.Health/Check",
            "grpc.health.v1.Health/Watch"));
    /** Flipt RPCs that are not about one namespace. */
    private static final Set<String> ACROSS_NAMESPACES = Set.of("flipt.Flipt/ListNamespaces", "flipt.Flipt/CreateNamespace");
    /** Every gRPC service this application serves or declares (each method's too); their paths are gRPC's, not HTTP routes. */
    private static final Set<String> GRPC_SERVICES = grpcServices(Set.of("flipt.Flipt", "flipt.evaluation.EvaluationService",
            "flipt.evaluation.DataService", "flipt.ofrep.OFREPService", "flipt.auth.PublicAuthenticationService",
            "flipt.auth.AuthenticationService", "flagpost.client.v1.ClientConfigService", "grpc.health.v1.Health"));

    private static List<Pattern> publicHttp(List<String> own) {
        List<String> all = new ArrayList<>(own);
        AuthMethods.factories().forEach(f -> all.addAll(f.publicHttpRoutes()));
        return all.stream().map(Pattern::compile).toList();
    }

    private static Set<String> publicRpcs(Set<String> own) {
        Set<String> all = new HashSet<>(own);
        AuthMethods.factories().forEach(f -> all.addAll(f.publicRpcs()));
        return Set.copyOf(all);
    }

    private static Set<String> grpcServices(Set<String> own) {
        Set<String> all = new HashSet<>(own);
        for (AuthMethodFactory<?> f : AuthMethods.factories()) {
            f.publicRpcs().forEach(rpc -> all.add(rpc.substring(0, rpc.indexOf('/'))));
            f.grpcServices().forEach(service -> all.add(service.bindService().getServiceDescriptor().getName()));
        }
        return Set.copyOf(all);
    }

    private Routes() {
    }

    /** @param path the decoded, normalised path within the application (servlet path + path info) */
    public static Route http(String httpMethod, String path) {
        // The API sections first: they hold no public route, and they are what most requests hit.
        if (under(path, "/api/v1")) {
            String namespace = namespaceOf(path);
            if (namespace != null) {
                return new Route(Section.MANAGEMENT, Scope.NAMESPACE, namespace, "this API");
            }
            return path.equals("/api/v1/evaluate") || path.equals("/api/v1/batch-evaluate") ? LEGACY_EVALUATION : API_UNSCOPED;
        }
        if (under(path, "/evaluate/v1")) {
            return EVALUATION;
        }
        if (under(path, "/internal/v1")) {
            Matcher m = SNAPSHOT.matcher(path);
            return m.matches() ? new Route(Section.EVALUATION, Scope.NAMESPACE, m.group(1), "this API") : INTERNAL;
        }
        if (under(path, "/ofrep/v1")) {
            return OFREP;
        }
        if (path.equals("/auth/v1/method") && ("GET".equals(httpMethod) || "HEAD".equals(httpMethod))) {
            return PUBLIC;
        }
        for (Pattern p : PUBLIC_HTTP) {
            if (p.matcher(path).matches()) {
                return PUBLIC;
            }
        }
        return under(path, "/auth/v1") ? AUTH : OTHER;
    }

    /**
     * The namespace segment of {@code /api/v1/namespaces/{ns}[/...]}, or null for any other path.
     * An empty segment ({@code /api/v1/namespaces//flags}, as Flipt's Go SDK sends) is {@code default}.
     * Cut by hand, not matched by a regular expression: every management request comes through
     * here, and the match was 0.15 µs of each one in the server's profile.
     */
    static String namespaceOf(String path) {
        if (!path.startsWith(NAMESPACES) || path.length() == NAMESPACES.length()) {
            return null;
        }
        int end = path.indexOf('/', NAMESPACES.length());
        String segment = path.substring(NAMESPACES.length(), end < 0 ? path.length() : end);
        return segment.isEmpty() ? "default" : segment;
    }

    /** @param fullMethodName e.g. {@code flipt.evaluation.EvaluationService/Boolean} */
    public static Route grpc(String fullMethodName) {
        if (PUBLIC_RPCS.contains(fullMethodName)) {
            return new Route(Section.PUBLIC, Scope.UNSCOPED, null, fullMethodName);
        }
        if (fullMethodName.startsWith("flipt.auth.")) {
            return Route.unscoped(Section.AUTH, fullMethodName);
        }
        if (fullMethodName.startsWith("flipt.Flipt/")) {
            return ACROSS_NAMESPACES.contains(fullMethodName) ? Route.unscoped(Section.MANAGEMENT, fullMethodName)
                    : new Route(Section.MANAGEMENT, Scope.IN_REQUEST, null, fullMethodName);
        }
        if (fullMethodName.startsWith("flipt.evaluation.EvaluationService/") || fullMethodName.startsWith("flipt.evaluation.DataService/")) {
            return new Route(Section.EVALUATION, Scope.IN_REQUEST, null, fullMethodName);
        }
        if (fullMethodName.startsWith("flipt.evaluation.")) {
            return Route.unscoped(Section.EVALUATION, fullMethodName);
        }
        if (fullMethodName.startsWith("flipt.ofrep.")) {
            return new Route(Section.OFREP, Scope.IN_REQUEST, null, fullMethodName);
        }
        return Route.unscoped(Section.OTHER, fullMethodName);
    }

    /**
     * Whether a path is a gRPC method ({@code /package.Service/Method} of a service declared here).
     * Such requests are authenticated by the gRPC gate bound to each service, whatever their
     * headers say; every other path is an HTTP route, whatever its Content-Type.
     */
    public static boolean isGrpcPath(String path) {
        int slash = path.indexOf('/', 1);
        return slash > 1 && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0
                && GRPC_SERVICES.contains(path.substring(1, slash));
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
