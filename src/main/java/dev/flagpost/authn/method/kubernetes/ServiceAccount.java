package dev.flagpost.authn.method.kubernetes;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a verified service-account token names, from its {@code kubernetes.io} claim:
 * {@code {namespace, pod:{name,uid}, serviceaccount:{name,uid}}}. Pod fields are absent for tokens
 * not bound to a pod ({@code kubectl create token}). Extraction only; policy is applied elsewhere.
 */
record ServiceAccount(String namespace, String name, String uid, String podName, String podUid, Instant expiresAt) {
    static final String CLAIM = "kubernetes.io";
    static final String META_PREFIX = "io.flipt.auth.k8s.";

    /** Empty when the claims are not of a Kubernetes service-account token (no namespace or account name). */
    static Optional<ServiceAccount> from(JWTClaimsSet claims) {
        if (!(claims.getClaim(CLAIM) instanceof Map<?, ?> k8s) || claims.getExpirationTime() == null) {
            return Optional.empty();
        }
        String namespace = string(k8s.get("namespace"));
        Map<?, ?> sa = object(k8s.get("serviceaccount"));
        Map<?, ?> pod = object(k8s.get("pod"));
        String name = string(sa.get("name"));
        if (namespace == null || name == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceAccount(namespace, name, string(sa.get("uid")), string(pod.get("name")), string(pod.get("uid")),
                claims.getExpirationTime().toInstant()));
    }

    /** Flipt's {@code io.flipt.auth.k8s.*} metadata; absent values are left out rather than stored empty. */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "namespace", namespace);
        put(m, "pod.name", podName);
        put(m, "pod.uid", podUid);
        put(m, "serviceaccount.name", name);
        put(m, "serviceaccount.uid", uid);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(META_PREFIX + key, value);
        }
    }

    private static Map<?, ?> object(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String string(Object o) {
        return o instanceof String s && !s.isEmpty() ? s : null;
    }
}
