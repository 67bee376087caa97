package dev.flagpost.authn.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {

    @ParameterizedTest(name = "{0} {1} is {2}/{3}")
    @CsvSource({
            "GET,/auth/v1/method,PUBLIC,UNSCOPED,",
            "POST,/auth/v1/method,AUTH,UNSCOPED,",
            "GET,/auth/v1/method/oidc/google/authorize,PUBLIC,UNSCOPED,",
            "GET,/auth/v1/method/oidc/google/callback,PUBLIC,UNSCOPED,",
            "GET,/auth/v1/method/github/callback,PUBLIC,UNSCOPED,",
            "POST,/auth/v1/method/kubernetes/serviceaccount,PUBLIC,UNSCOPED,",
            "GET,/auth/v1/client-config,PUBLIC,UNSCOPED,",
            "POST,/auth/v1/method/token,AUTH,UNSCOPED,",
            "GET,/auth/v1/self,AUTH,UNSCOPED,",
            "GET,/auth/v1/tokens,AUTH,UNSCOPED,",
            "GET,/api/v1/namespaces,MANAGEMENT,UNSCOPED,",
            "POST,/api/v1/namespaces,MANAGEMENT,UNSCOPED,",
            "GET,/api/v1,MANAGEMENT,UNSCOPED,",
            "GET,/api/v1/namespaces/team-a,MANAGEMENT,NAMESPACE,team-a",
            "PUT,/api/v1/namespaces/team-a/flags/x,MANAGEMENT,NAMESPACE,team-a",
            "POST,/api/v1/namespaces//flags,MANAGEMENT,NAMESPACE,default",
            "GET,/api/v1/namespaces//,MANAGEMENT,NAMESPACE,default",
            "GET,/api/v1/namespaces/team-a/,MANAGEMENT,NAMESPACE,team-a",
            "GET,/api/v1/namespacesteam-a/flags,MANAGEMENT,UNSCOPED,",
            "POST,/api/v1/evaluate,MANAGEMENT,IN_REQUEST,",
            "POST,/api/v1/batch-evaluate,MANAGEMENT,IN_REQUEST,",
            "POST,/api/v1/namespaces/team-a/evaluate,MANAGEMENT,NAMESPACE,team-a",
            "POST,/api/v1/evaluate/x,MANAGEMENT,UNSCOPED,",
            "GET,/api/v1/namespaces/,MANAGEMENT,UNSCOPED,",
            "GET,/api/v10/x,OTHER,UNSCOPED,",
            "POST,/evaluate/v1/boolean,EVALUATION,IN_REQUEST,",
            "GET,/internal/v1/evaluation/snapshot/namespace/default,EVALUATION,NAMESPACE,default",
            "GET,/internal/v1/other,EVALUATION,UNSCOPED,",
            "POST,/ofrep/v1/evaluate/flags,OFREP,IN_REQUEST,",
            "GET,/meta/info,OTHER,UNSCOPED,",
            "GET,/health/ready,PUBLIC,UNSCOPED,",
            "GET,/,PUBLIC,UNSCOPED,",
            "GET,/assets/app.js,PUBLIC,UNSCOPED,",
            "GET,/somewhere/else,OTHER,UNSCOPED,"})
    void httpRoutesAreClassified(String method, String path, Section section, Route.Scope scope, String namespace) {
        Route r = Routes.http(method, path);
        assertEquals(section, r.section(), "section");
        assertEquals(scope, r.scope(), "scope");
        assertEquals(namespace, r.namespace(), "namespace");
    }

    @ParameterizedTest(name = "{0} is {1}/{2}")
    @CsvSource({
            "flipt.auth.PublicAuthenticationService/ListAuthenticationMethods,PUBLIC,UNSCOPED",
            "flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount,PUBLIC,UNSCOPED",
            "flagpost.client.v1.ClientConfigService/GetClientConfig,PUBLIC,UNSCOPED",
            "flipt.auth.AuthenticationService/GetAuthenticationSelf,AUTH,UNSCOPED",
            "flipt.auth.AuthenticationMethodTokenService/CreateToken,AUTH,UNSCOPED",
            "flipt.auth.SomethingNew/Call,AUTH,UNSCOPED",
            "flipt.Flipt/ListNamespaces,MANAGEMENT,UNSCOPED",
            "flipt.Flipt/CreateNamespace,MANAGEMENT,UNSCOPED",
            "flipt.Flipt/CreateFlag,MANAGEMENT,IN_REQUEST",
            "flipt.Flipt/CreateRule,MANAGEMENT,IN_REQUEST",
            "flipt.Flipt/OrderRollouts,MANAGEMENT,IN_REQUEST",
            "flipt.Flipt/CreateDistribution,MANAGEMENT,IN_REQUEST",
            "flipt.Flipt/ListSegments,MANAGEMENT,IN_REQUEST",
            "flipt.Flipt/DeleteConstraint,MANAGEMENT,IN_REQUEST",
            "flipt.evaluation.EvaluationService/Boolean,EVALUATION,IN_REQUEST",
            "flipt.evaluation.DataService/EvaluationSnapshotNamespace,EVALUATION,IN_REQUEST",
            "flipt.ofrep.OFREPService/EvaluateFlag,OFREP,IN_REQUEST",
            "other.Service/Call,OTHER,UNSCOPED"})
    void rpcsAreClassified(String rpc, Section section, Route.Scope scope) {
        Route r = Routes.grpc(rpc);
        assertEquals(section, r.section(), "section");
        assertEquals(scope, r.scope(), "scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/flipt.Flipt/CreateNamespace", "/flipt.evaluation.EvaluationService/Boolean",
            "/flipt.auth.AuthenticationService/GetAuthenticationSelf", "/grpc.health.v1.Health/Check"})
    void grpcMethodPathsAreRecognisedByTheirServiceName(String path) {
        assertTrue(Routes.isGrpcPath(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/meta/info", "/api/v1/namespaces", "/api/v1/_probe", "/flipt.Flipt", "/flipt.Flipt/",
            "/flipt.Flipt/CreateNamespace/x", "/evil.Service/Call", "/", "/auth/v1/self"})
    void httpRoutesAreNeverTakenForGrpcWhateverTheirHeaders(String path) {
        assertFalse(Routes.isGrpcPath(path));
    }
}
