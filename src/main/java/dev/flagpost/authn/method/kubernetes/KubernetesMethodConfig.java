package dev.flagpost.authn.method.kubernetes;

import dev.flagpost.authn.config.MethodConfig;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.config.InvalidConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code authentication.methods.kubernetes}: a pod exchanges its service-account token for a
 * client token. Checked only when enabled, so a laptop without the in-cluster files can keep the
 * method off.
 *
 * @param discoveryUrl            where the cluster's OIDC discovery document lives (default the in-cluster API server)
 * @param caPath                  PEM bundle that is the only trust anchor for discovery and JWKS
 * @param serviceAccountTokenPath this server's own token, sent as Bearer; re-read for every fetch (kubelet rotates it)
 * @param audiences               when set, the token's {@code aud} must contain one of them
 * @param allowedNamespaces       when either allow-list is set, a token passes if its namespace is listed here
 * @param allowedServiceAccounts  ... or its {@code namespace/name} is listed here
 */
public record KubernetesMethodConfig(boolean enabled, String discoveryUrl, String caPath, String serviceAccountTokenPath,
                                     List<String> audiences, List<String> allowedNamespaces, List<String> allowedServiceAccounts,
                                     CleanupConfig cleanup) implements MethodConfig {
    public static final String DEFAULT_DISCOVERY_URL = "https://kubernetes.default.svc.cluster.local";
    public static final String DEFAULT_CA_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
    public static final String DEFAULT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    public KubernetesMethodConfig {
        discoveryUrl = discoveryUrl == null || discoveryUrl.isBlank() ? DEFAULT_DISCOVERY_URL : stripTrailingSlash(discoveryUrl.strip());
        caPath = caPath == null || caPath.isBlank() ? DEFAULT_CA_PATH : caPath.strip();
        serviceAccountTokenPath = serviceAccountTokenPath == null || serviceAccountTokenPath.isBlank() ? DEFAULT_TOKEN_PATH : serviceAccountTokenPath.strip();
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        allowedServiceAccounts = allowedServiceAccounts == null ? List.of() : List.copyOf(allowedServiceAccounts);
        cleanup = cleanup == null ? CleanupConfig.DEFAULT : cleanup;
        if (enabled) {
            validate(discoveryUrl, caPath, serviceAccountTokenPath, allowedNamespaces, allowedServiceAccounts);
        }
    }

    public static KubernetesMethodConfig disabled() {
        return new KubernetesMethodConfig(false, null, null, null, List.of(), List.of(), List.of(), CleanupConfig.DEFAULT);
    }

    /** No allow-list configured means every service account of the cluster may log in (Flipt's behaviour). */
    public boolean allows(String namespace, String serviceAccount) {
        if (allowedNamespaces.isEmpty() && allowedServiceAccounts.isEmpty()) {
            return true;
        }
        return allowedNamespaces.contains(namespace) || allowedServiceAccounts.contains(namespace + "/" + serviceAccount);
    }

    private static void validate(String discoveryUrl, String caPath, String tokenPath, List<String> namespaces, List<String> accounts) {
        URI uri = parse(discoveryUrl);
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw InvalidConfigException.of("discovery_url", "\"" + discoveryUrl + "\" is not an https URL",
                    "the API server is only trusted over TLS with ca_path, e.g. " + DEFAULT_DISCOVERY_URL);
        }
        if (!Files.isReadable(Path.of(caPath))) {
            throw InvalidConfigException.of("ca_path", "cannot read " + caPath,
                    "outside a pod, point ca_path at the cluster's CA certificate (PEM), or disable the kubernetes method");
        }
        try {
            ClusterCa.load(Path.of(caPath));
        } catch (IllegalArgumentException e) {
            throw InvalidConfigException.of("ca_path", e.getMessage(), "point ca_path at the cluster's CA certificate (PEM)");
        }
        if (!Files.isReadable(Path.of(tokenPath))) {
            throw InvalidConfigException.of("service_account_token_path", "cannot read " + tokenPath,
                    "outside a pod, point it at a token that may read the API server's discovery document, or disable the kubernetes method");
        }
        for (String ns : namespaces) {
            if (ns.isBlank() || ns.contains("/")) {
                throw InvalidConfigException.of("allowed_namespaces", "\"" + ns + "\" is not a namespace name", "write a namespace, e.g. payments");
            }
        }
        for (String sa : accounts) {
            int slash = sa.indexOf('/');
            if (slash <= 0 || slash == sa.length() - 1 || sa.indexOf('/', slash + 1) >= 0) {
                throw InvalidConfigException.of("allowed_service_accounts", "\"" + sa + "\" is not namespace/name",
                        "write the service account as namespace/name, e.g. payments/checkout");
            }
        }
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (Exception e) {
            return null;
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
