package dev.flagpost.authn.web;

import dev.flagpost.authn.config.AuthenticationConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which HTTP routes need a credential. Allow-lists only: anything not named as public or excluded
 * requires authentication when {@code required} is on, and {@code /auth/v1} (token management)
 * always does.
 */
public final class RoutePolicy {

    public enum Access {
        /** No credential is looked at (login routes, health, UI assets). */
        PUBLIC,
        /** A valid credential is required. */
        REQUIRED,
        /** Authentication is off for this section ({@code required: false} or an exclusion). */
        OPEN
    }

    private static final List<Pattern> PUBLIC_ANY_METHOD = List.of(
            Pattern.compile("/auth/v1/method/oidc/[^/]+/(authorize|callback)"),
            Pattern.compile("/auth/v1/method/github/(authorize|callback)"),
            Pattern.compile("/auth/v1/method/kubernetes/serviceaccount"),
            Pattern.compile("/auth/v1/client-config"),
            Pattern.compile("/\\.well-known/oauth-authorization-server"),
            Pattern.compile("/health(/.*)?"),
            Pattern.compile("/metrics(/.*)?"),
            Pattern.compile("/(index\\.html|favicon\\.ico|favicon\\.svg)?"),
            Pattern.compile("/assets/.*"));

    private final boolean required;
    private final boolean management;
    private final boolean evaluation;
    private final boolean ofrep;

    public RoutePolicy(AuthenticationConfig config) {
        this.required = config.required();
        this.management = required && !config.exclude().management();
        this.evaluation = required && !config.exclude().evaluation();
        this.ofrep = required && !config.exclude().ofrep();
    }

    /** @param path the decoded, normalised path within the application (servlet path + path info) */
    public Access classify(String httpMethod, String path) {
        // The API sections first: they hold no public route, and they are what every request hits.
        if (under(path, "/api/v1")) {
            return management ? Access.REQUIRED : Access.OPEN;
        }
        if (under(path, "/evaluate/v1") || under(path, "/internal/v1")) {
            return evaluation ? Access.REQUIRED : Access.OPEN;
        }
        if (under(path, "/ofrep/v1")) {
            return ofrep ? Access.REQUIRED : Access.OPEN;
        }
        if (path.equals("/auth/v1/method") && ("GET".equals(httpMethod) || "HEAD".equals(httpMethod))) {
            return Access.PUBLIC;
        }
        for (Pattern p : PUBLIC_ANY_METHOD) {
            if (p.matcher(path).matches()) {
                return Access.PUBLIC;
            }
        }
        if (under(path, "/auth/v1")) {
            return Access.REQUIRED;
        }
        return required ? Access.REQUIRED : Access.OPEN;
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
