package dev.flagpost.authn.grpc;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.web.RoutePolicy.Access;
import java.util.Set;

/**
 * Which gRPC methods need a credential: the same rules as {@link dev.flagpost.authn.web.RoutePolicy}
 * with services in place of path prefixes. Allow-lists only.
 */
public final class GrpcRoutePolicy {
    private static final Set<String> PUBLIC = Set.of(
            "flipt.auth.PublicAuthenticationService/ListAuthenticationMethods",
            "flipt.auth.AuthenticationMethodOIDCService/AuthorizeURL",
            "flipt.auth.AuthenticationMethodOIDCService/Callback",
            "flipt.auth.AuthenticationMethodGithubService/AuthorizeURL",
            "flipt.auth.AuthenticationMethodGithubService/Callback",
            "flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount",
            "flagpost.client.v1.ClientConfigService/GetClientConfig",
            "grpc.health.v1.Health/Check",
            "grpc.health.v1.Health/Watch");
    /** Flipt RPCs that are not about one namespace: a namespace-scoped token may not call them. */
    private static final Set<String> ACROSS_NAMESPACES = Set.of("flipt.Flipt/ListNamespaces", "flipt.Flipt/CreateNamespace");

    private final boolean required;
    private final boolean management;
    private final boolean evaluation;

    public GrpcRoutePolicy(AuthenticationConfig config) {
        this.required = config.required();
        this.management = required && !config.exclude().management();
        this.evaluation = required && !config.exclude().evaluation();
    }

    /** @param fullMethodName e.g. {@code flipt.evaluation.EvaluationService/Boolean} */
    public Access classify(String fullMethodName) {
        if (PUBLIC.contains(fullMethodName)) {
            return Access.PUBLIC;
        }
        if (fullMethodName.startsWith("flipt.auth.")) {
            return Access.REQUIRED;
        }
        if (fullMethodName.startsWith("flipt.Flipt/")) {
            return management ? Access.REQUIRED : Access.OPEN;
        }
        if (fullMethodName.startsWith("flipt.evaluation.")) {
            return evaluation ? Access.REQUIRED : Access.OPEN;
        }
        return required ? Access.REQUIRED : Access.OPEN;
    }

    /** Scoped tokens reach only Flipt's per-namespace RPCs and evaluation; services check the namespace itself. */
    public static boolean allowsScoped(Authentication caller, String fullMethodName) {
        if (caller.namespace() == null) {
            return true;
        }
        return (fullMethodName.startsWith("flipt.Flipt/") && !ACROSS_NAMESPACES.contains(fullMethodName))
                || fullMethodName.startsWith("flipt.evaluation.EvaluationService/");
    }
}
