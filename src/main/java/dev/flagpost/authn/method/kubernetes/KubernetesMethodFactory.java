package dev.flagpost.authn.method.kubernetes;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.CleanupConfig;
import dev.flagpost.authn.method.AuthMethod;
import dev.flagpost.authn.method.AuthMethodFactory;
import dev.flagpost.authn.method.MethodContext;
import dev.flagpost.config.ConfigReader;
import dev.flagpost.config.GoJson;
import io.grpc.BindableService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code authentication.methods.kubernetes}: a service-account token exchanged for a client token. */
public final class KubernetesMethodFactory implements AuthMethodFactory<KubernetesMethodConfig> {
    @Override
    public Method method() {
        return Method.KUBERNETES;
    }

    @Override
    public boolean sessionCompatible() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("discovery_url", "ca_path", "service_account_token_path", "audiences[]", "allowed_namespaces[]",
                "allowed_service_accounts[]");
    }

    @Override
    public KubernetesMethodConfig bind(ConfigReader r, String p) {
        boolean enabled = r.bool(p + ".enabled", false);
        return r.build(p, () -> new KubernetesMethodConfig(enabled, r.string(p + ".discovery_url", null), r.string(p + ".ca_path", null),
                r.string(p + ".service_account_token_path", null), r.list(p + ".audiences"), r.list(p + ".allowed_namespaces"),
                r.list(p + ".allowed_service_accounts"), CleanupConfig.bind(r, p)), KubernetesMethodConfig.disabled());
    }

    @Override
    public AuthMethod start(KubernetesMethodConfig config, MethodContext context) {
        return new KubernetesLogin(new ServiceAccountVerifier(config, context.clock()), context.tokens());
    }

    @Override
    public Map<String, Object> view(KubernetesMethodConfig config) {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        GoJson.put(kubernetes, "discoveryURL", config.discoveryUrl());
        GoJson.put(kubernetes, "caPath", config.caPath());
        GoJson.put(kubernetes, "serviceAccountTokenPath", config.serviceAccountTokenPath());
        return kubernetes;
    }

    @Override
    public List<String> publicHttpRoutes() {
        return List.of("/auth/v1/method/kubernetes/serviceaccount");
    }

    @Override
    public Set<String> publicRpcs() {
        return Set.of("flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount");
    }

    @Override
    public List<BindableService> grpcServices() {
        return List.of(new KubernetesMethodGrpcService());
    }
}
