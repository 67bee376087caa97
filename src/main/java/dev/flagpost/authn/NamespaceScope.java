package dev.flagpost.authn;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens created with a {@code namespaceKey} may use only the management and evaluation APIs of
 * that namespace. Flipt answers 401 here, which makes clients refresh in a loop; we answer 403
 * PERMISSION_DENIED.
 */
public final class NamespaceScope {
    private static final Pattern NAMESPACED_MANAGEMENT = Pattern.compile("^/api/v1/namespaces/([^/]+)(/.*)?$");

    private NamespaceScope() {
    }

    /**
     * Whether a scoped caller may reach {@code path} at all; the evaluation APIs name the namespace
     * in the body and are checked again with {@link #require}.
     */
    public static boolean allowsPath(Authentication caller, String path) {
        String scope = caller.namespace();
        if (scope == null) {
            return true;
        }
        Matcher m = NAMESPACED_MANAGEMENT.matcher(path);
        if (m.matches()) {
            return m.group(1).equals(scope);
        }
        return path.startsWith("/evaluate/v1/");
    }

    /** @throws FliptException PERMISSION_DENIED when a scoped caller asks for another namespace */
    public static void require(Authentication caller, String namespaceKey) {
        if (caller == null || caller.namespace() == null) {
            return;
        }
        String wanted = namespaceKey == null || namespaceKey.isEmpty() ? "default" : namespaceKey;
        if (!caller.namespace().equals(wanted)) {
            throw denied(caller.namespace(), "namespace \"" + wanted + "\"");
        }
    }

    public static FliptException denied(String scope, String what) {
        return new FliptException(Code.PERMISSION_DENIED, "this token is scoped to namespace \"" + scope + "\" and cannot access " + what);
    }
}
