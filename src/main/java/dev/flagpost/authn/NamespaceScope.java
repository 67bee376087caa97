package dev.flagpost.authn;

import dev.flagpost.api.Code;
import dev.flagpost.api.FliptException;

/**
 * Tokens created with a {@code namespaceKey} may use only the management and evaluation APIs of
 * that namespace. Flipt answers 401 here, which makes clients refresh in a loop; we answer 403
 * PERMISSION_DENIED.
 */
public final class NamespaceScope {

    private NamespaceScope() {
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

    /**
     * A batch names its namespaces once per entry; a scoped caller must own every one, and an empty
     * batch names none, so it is refused too (as Flipt does).
     */
    public static void requireBatch(Authentication caller, java.util.List<String> namespaceKeys) {
        if (caller != null && caller.namespace() != null && namespaceKeys.isEmpty()) {
            throw denied(caller.namespace(), "a batch that names no namespace");
        }
        namespaceKeys.forEach(ns -> require(caller, ns));
    }

    /** @throws FliptException PERMISSION_DENIED when a scoped caller asks for something across namespaces */
    public static void requireUnscoped(Authentication caller, String what) {
        if (caller != null && caller.namespace() != null) {
            throw denied(caller.namespace(), what);
        }
    }

    public static FliptException denied(String scope, String what) {
        return new FliptException(Code.PERMISSION_DENIED, "this token is scoped to namespace \"" + scope + "\" and cannot access " + what);
    }
}
