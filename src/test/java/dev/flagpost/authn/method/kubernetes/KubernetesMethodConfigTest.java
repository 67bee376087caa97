package dev.flagpost.authn.method.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Method;
import dev.flagpost.authn.MethodListing;
import dev.flagpost.config.InvalidConfigException;
import dev.flagpost.testing.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code authentication.methods.kubernetes}: every key read, every problem named by its key with a fix. */
class KubernetesMethodConfigTest {
    @TempDir
    static Path dir;
    static Path ca;
    static Path token;

    @BeforeAll
    static void files() throws Exception {
        ca = new KubernetesFixtures.TestCa("config-test-ca").writePem(dir.resolve("ca.crt"));
        token = Files.writeString(dir.resolve("token"), "sa-token");
    }

    /** The method enabled with readable test files, plus {@code settings} (which may replace either path). */
    static String k8s(String settings) {
        String files = (settings.contains("ca_path:") ? "" : "ca_path: '" + ca + "', ")
                + (settings.contains("service_account_token_path:") ? "" : "service_account_token_path: '" + token + "', ");
        return "authentication:\n  methods:\n    kubernetes: {enabled: true, " + files + settings + "}\n";
    }

    @Test
    void everyKeyIsRead() {
        var auth = Configs.load(k8s("discovery_url: 'https://10.0.0.1:6443/', audiences: [flagpost], allowed_namespaces: [payments],"
                + " allowed_service_accounts: [ci/deployer], cleanup: {interval: 2h, grace_period: 10m}")).authentication();
        KubernetesMethodConfig k = auth.method(dev.flagpost.authn.Method.KUBERNETES, dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig.class).orElseThrow();
        assertTrue(k.enabled());
        assertEquals("https://10.0.0.1:6443", k.discoveryUrl(), "trailing slash trimmed");
        assertEquals(ca.toString(), k.caPath());
        assertEquals(token.toString(), k.serviceAccountTokenPath());
        assertEquals(List.of("flagpost"), k.audiences());
        assertEquals(List.of("payments"), k.allowedNamespaces());
        assertEquals(List.of("ci/deployer"), k.allowedServiceAccounts());
        assertEquals(Duration.ofHours(2), auth.method(Method.KUBERNETES).cleanup().interval(), "cleanup uses the method's own settings");
        assertEquals(Duration.ofMinutes(10), auth.method(Method.KUBERNETES).cleanup().gracePeriod());
        assertTrue(MethodListing.of(auth).stream().anyMatch(e -> e.method() == Method.KUBERNETES && e.enabled()));
    }

    @Test
    void defaultsAreTheInClusterOnes() {
        KubernetesMethodConfig k = Configs.load("authentication:\n  methods: {token: {enabled: true}}\n").authentication().method(dev.flagpost.authn.Method.KUBERNETES, dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig.class).orElseThrow();
        assertFalse(k.enabled());
        assertEquals("https://kubernetes.default.svc.cluster.local", k.discoveryUrl());
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", k.caPath());
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/token", k.serviceAccountTokenPath());
    }

    @Test
    void theKubernetesMethodAloneSatisfiesRequiredAuthentication() {
        assertTrue(Configs.load(k8s("")).authentication().required());
    }

    @Test
    void noAllowListLetsEveryServiceAccountInAndEitherListAdmits() {
        KubernetesMethodConfig open = Configs.load(k8s("")).authentication().method(dev.flagpost.authn.Method.KUBERNETES, dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig.class).orElseThrow();
        assertTrue(open.allows("any", "one"));
        KubernetesMethodConfig listed = Configs.load(k8s("allowed_namespaces: [payments], allowed_service_accounts: [ci/deployer]"))
                .authentication().method(dev.flagpost.authn.Method.KUBERNETES, dev.flagpost.authn.method.kubernetes.KubernetesMethodConfig.class).orElseThrow();
        assertTrue(listed.allows("payments", "x"));
        assertTrue(listed.allows("ci", "deployer"));
        assertFalse(listed.allows("ci", "other"));
        assertFalse(listed.allows("paymentsx", "x"));
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // On a laptop the in-cluster files do not exist: a clear start-up error, only when the method is enabled.
                Arguments.of("authentication:\n  methods: {kubernetes: {enabled: true}}\n", "authentication.methods.kubernetes.ca_path"),
                Arguments.of(k8s("ca_path: /etc/hostname"), "authentication.methods.kubernetes.ca_path"),
                Arguments.of(k8s("ca_path: /nonexistent/ca.crt"), "authentication.methods.kubernetes.ca_path"),
                Arguments.of(k8s("service_account_token_path: /nonexistent/token"), "authentication.methods.kubernetes.service_account_token_path"),
                Arguments.of(k8s("discovery_url: 'http://kubernetes.default.svc'"), "authentication.methods.kubernetes.discovery_url"),
                Arguments.of(k8s("discovery_url: 'kubernetes.default.svc'"), "authentication.methods.kubernetes.discovery_url"),
                Arguments.of(k8s("allowed_service_accounts: [deployer]"), "authentication.methods.kubernetes.allowed_service_accounts"),
                Arguments.of(k8s("allowed_service_accounts: ['ci/deployer/x']"), "authentication.methods.kubernetes.allowed_service_accounts"),
                Arguments.of(k8s("allowed_namespaces: ['ci/deployer']"), "authentication.methods.kubernetes.allowed_namespaces"),
                Arguments.of(k8s("cleanup: {interval: 0s}"), "authentication.methods.kubernetes.cleanup.interval"),
                Arguments.of(k8s("allowed_namespace: [payments]"), "authentication.methods.kubernetes.allowed_namespace[0]"),
                Arguments.of("authentication:\n  methods: {token: {enabled: true}, kubernetes: {enabled: maybe}}\n", "authentication.methods.kubernetes.enabled"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void anInvalidKubernetesConfigIsRefusedWithAMessageNamingTheKey(String yaml, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Configs.load(yaml));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key)),
                () -> "expected a problem for " + key + " but got: " + e.getMessage());
        assertTrue(e.getMessage().contains("field \"" + key + "\""), e.getMessage());
    }

    @Test
    void aMissingCaFileSaysHowToFixIt() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Configs.load("authentication:\n  methods: {kubernetes: {enabled: true}}\n"));
        assertTrue(e.getMessage().contains("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"), e.getMessage());
        assertTrue(e.getMessage().contains("disable the kubernetes method"), e.getMessage());
    }
}
