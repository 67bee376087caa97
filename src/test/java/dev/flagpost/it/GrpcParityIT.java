package dev.flagpost.it;

import static dev.flagpost.it.Http.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import dev.flagpost.grpc.flipt.v1.GetFlagRequest;
import dev.flagpost.grpc.flipt.v1.ListNamespaceRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of cases, run over HTTP and over gRPC against the same running server: the status
 * each transport answers must be the pair Flipt's gateway maps (401/UNAUTHENTICATED,
 * 403/PERMISSION_DENIED, 404/NOT_FOUND, 400/INVALID_ARGUMENT, 200/OK).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcParityIT {
    FlagpostServer server;
    Http http;
    String admin;
    String expired;
    String scoped;
    String ns;

    @BeforeAll
    void setUp() {
        server = Servers.byDatabase("h2");
        http = new Http(server);
        admin = server.bootstrapToken();
        ns = "grpc-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/namespaces", "{\"key\":\"" + ns + "\",\"name\":\"gRPC\"}", bearer(admin));
        for (String n : new String[] {ns, "default"}) {
            http.post("/api/v1/namespaces/" + n + "/flags", "{\"key\":\"parity\",\"name\":\"P\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}",
                    bearer(admin));
        }
        expired = http.createToken(admin, "{\"name\":\"expired\"}")[0];
        assertEquals(200, http.put("/auth/v1/self/expire", null, bearer(expired)).status());
        scoped = http.createToken(admin, "{\"name\":\"scoped\",\"namespaceKey\":\"" + ns + "\"}")[0];
    }

    /** An operation done both ways: HTTP status, or the gRPC call (which throws on a non-OK status). */
    record Op(String name, Function<GrpcParityIT, Integer> http, java.util.function.BiConsumer<GrpcParityIT, String> grpc) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Op SELF = new Op("get self", t -> t.http.get("/auth/v1/self", t.header()).status(),
            (t, auth) -> GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(t.channel()), auth).getAuthenticationSelf(Empty.getDefaultInstance()));

    static Op evaluate(String namespace, String flag, String entity) {
        return new Op("evaluate " + namespace + "/" + flag, t -> t.http.post("/evaluate/v1/boolean",
                "{\"namespaceKey\":\"" + t.nsOf(namespace) + "\",\"flagKey\":\"" + flag + "\",\"entityId\":\"" + entity + "\"}", t.header()).status(),
                (t, auth) -> GrpcClients.with(EvaluationServiceGrpc.newBlockingStub(t.channel()), auth).boolean_(EvaluationRequest.newBuilder()
                        .setNamespaceKey(t.nsOf(namespace)).setFlagKey(flag).setEntityId(entity).build()));
    }

    static final Op LIST_NAMESPACES = new Op("list namespaces", t -> t.http.get("/api/v1/namespaces", t.header()).status(),
            (t, auth) -> GrpcClients.with(FliptGrpc.newBlockingStub(t.channel()), auth).listNamespaces(ListNamespaceRequest.getDefaultInstance()));

    static final Op GET_FLAG = new Op("get own flag", t -> t.http.get("/api/v1/namespaces/" + t.ns + "/flags/parity", t.header()).status(),
            (t, auth) -> GrpcClients.with(FliptGrpc.newBlockingStub(t.channel()), auth).getFlag(GetFlagRequest.newBuilder()
                    .setNamespaceKey(t.ns).setKey("parity").build()));

    String currentAuthorization;

    String[] header() {
        return currentAuthorization == null ? new String[0] : new String[] {"Authorization", currentAuthorization};
    }

    String nsOf(String namespace) {
        return namespace.equals("OWN") ? ns : namespace;
    }

    io.grpc.Channel channel() {
        return GrpcClients.channel(server.grpcPort());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no token", null, SELF, 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("garbage token", "Bearer garbage", SELF, 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("wrong scheme", "Basic dXNlcjpwYXNz", SELF, 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("empty bearer", "Bearer ", SELF, 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("expired token", "EXPIRED", SELF, 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("good token", "ADMIN", SELF, 200, Status.Code.OK),
                Arguments.of("evaluation needs a token", null, evaluate("OWN", "parity", "u"), 401, Status.Code.UNAUTHENTICATED),
                Arguments.of("evaluation with a token", "ADMIN", evaluate("OWN", "parity", "u"), 200, Status.Code.OK),
                Arguments.of("missing flag", "ADMIN", evaluate("OWN", "ghost", "u"), 404, Status.Code.NOT_FOUND),
                Arguments.of("missing entity id", "ADMIN", evaluate("OWN", "parity", ""), 400, Status.Code.INVALID_ARGUMENT),
                Arguments.of("scoped token, own namespace", "SCOPED", evaluate("OWN", "parity", "u"), 200, Status.Code.OK),
                Arguments.of("scoped token, other namespace", "SCOPED", evaluate("default", "parity", "u"), 403, Status.Code.PERMISSION_DENIED),
                Arguments.of("scoped token, auth API", "SCOPED", SELF, 403, Status.Code.PERMISSION_DENIED),
                Arguments.of("scoped token, list namespaces", "SCOPED", LIST_NAMESPACES, 403, Status.Code.PERMISSION_DENIED),
                Arguments.of("scoped token, own flag", "SCOPED", GET_FLAG, 200, Status.Code.OK),
                Arguments.of("management with a token", "ADMIN", LIST_NAMESPACES, 200, Status.Code.OK));
    }

    String authorization(String token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case "ADMIN" -> "Bearer " + admin;
            case "EXPIRED" -> "Bearer " + expired;
            case "SCOPED" -> "Bearer " + scoped;
            default -> token;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void httpAndGrpcAnswerTheSame(String name, String token, Op op, int httpStatus, Status.Code grpcCode) {
        currentAuthorization = authorization(token);
        assertEquals(httpStatus, op.http().apply(this), "HTTP: " + name);
        Status.Code got;
        try {
            op.grpc().accept(this, currentAuthorization);
            got = Status.Code.OK;
        } catch (StatusRuntimeException e) {
            got = e.getStatus().getCode();
        }
        assertEquals(grpcCode, got, "gRPC: " + name);
    }

    @Test
    void excludedEvaluationNeedsNoTokenOnEitherTransport() {
        FlagpostServer open = Servers.excluded();
        String token = open.bootstrapToken();
        new Http(open).post("/api/v1/namespaces/default/flags", "{\"key\":\"open\",\"name\":\"O\",\"type\":\"BOOLEAN_FLAG_TYPE\"}", bearer(token));
        var stub = EvaluationServiceGrpc.newBlockingStub(GrpcClients.channel(open.grpcPort()));
        var r = stub.boolean_(EvaluationRequest.newBuilder().setNamespaceKey("default").setFlagKey("open").setEntityId("u").build());
        assertEquals("open", r.getFlagKey());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(open.grpcPort())).getAuthenticationSelf(Empty.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), "exclusions never open the auth API");
    }

    @Test
    void publicMethodListingNeedsNoTokenAndMatchesHttp() {
        var methods = PublicAuthenticationServiceGrpc.newBlockingStub(channel()).listAuthenticationMethods(Empty.getDefaultInstance());
        assertEquals(http.get("/auth/v1/method").json().get("methods").size(), methods.getMethodsCount());
        assertTrue(methods.getMethods(0).getEnabled());
    }

    @Test
    void grpcIsServedOnTheHttpPortToo() {
        var self = GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(server.httpPort())), "Bearer " + admin)
                .getAuthenticationSelf(Empty.getDefaultInstance());
        assertEquals("initial_bootstrap_token", self.getMetadataOrThrow("io.flipt.auth.token.name"));
    }

    @Test
    void oversizedMessagesAreRefusedWithoutHarm() {
        String huge = "x".repeat(2 * 1024 * 1024);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                GrpcClients.with(EvaluationServiceGrpc.newBlockingStub(channel()), "Bearer " + admin).boolean_(EvaluationRequest.newBuilder()
                        .setNamespaceKey(ns).setFlagKey("parity").setEntityId(huge).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
        // The server is fine afterwards.
        assertEquals("parity", GrpcClients.with(EvaluationServiceGrpc.newBlockingStub(channel()), "Bearer " + admin).boolean_(
                EvaluationRequest.newBuilder().setNamespaceKey(ns).setFlagKey("parity").setEntityId("u").build()).getFlagKey());
    }

    @Test
    void tokenCreatedOverGrpcWorksOverHttpAndLogoutEndsItOnBoth() {
        var created = GrpcClients.with(dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc.newBlockingStub(channel()), "Bearer " + admin)
                .createToken(dev.flagpost.grpc.auth.v1.CreateTokenRequest.newBuilder().setName("via-grpc").putMetadata("k", "v").build());
        assertEquals(200, http.get("/auth/v1/self", bearer(created.getClientToken())).status());
        GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(channel()), "Bearer " + created.getClientToken())
                .expireAuthenticationSelf(dev.flagpost.grpc.auth.v1.ExpireAuthenticationSelfRequest.getDefaultInstance());
        assertEquals(401, http.get("/auth/v1/self", bearer(created.getClientToken())).status());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(channel()), "Bearer " + created.getClientToken())
                        .getAuthenticationSelf(Empty.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void databaseDownIsUnavailableOnBothTransports() {
        FlagpostServer pg = Servers.postgres();
        Http pgHttp = new Http(pg);
        String[] fresh = pgHttp.createToken(pg.bootstrapToken(), "{\"name\":\"parity-outage\"}");
        String[] fresh2 = pgHttp.createToken(pg.bootstrapToken(), "{\"name\":\"parity-outage-2\"}");
        PostgresControl.stopImmediately();
        try {
            assertEquals(503, pgHttp.get("/auth/v1/self", bearer(fresh[0])).status());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(pg.grpcPort())), "Bearer " + fresh2[0])
                            .getAuthenticationSelf(Empty.getDefaultInstance()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        } finally {
            PostgresControl.start();
        }
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (pgHttp.get("/auth/v1/self", bearer(fresh2[0])).status() != 200) {
            assertTrue(java.time.Instant.now().isBefore(deadline), "no recovery");
            FlagpostServer.sleep(250);
        }
        assertEquals(fresh2[1], GrpcClients.with(AuthenticationServiceGrpc.newBlockingStub(GrpcClients.channel(pg.grpcPort())), "Bearer " + fresh2[0])
                .getAuthenticationSelf(Empty.getDefaultInstance()).getId());
    }


    /** The RPCs Flipt serves without a credential (they start or finish a login, or list how to). */
    static final java.util.Set<String> PUBLIC_RPCS = java.util.Set.of("flipt.auth.PublicAuthenticationService/ListAuthenticationMethods",
            "flipt.auth.AuthenticationMethodOIDCService/AuthorizeURL", "flipt.auth.AuthenticationMethodOIDCService/Callback",
            "flipt.auth.AuthenticationMethodGithubService/AuthorizeURL", "flipt.auth.AuthenticationMethodGithubService/Callback",
            "flipt.auth.AuthenticationMethodKubernetesService/VerifyServiceAccount");

    /**
     * Every RPC of {@code flipt.Flipt} and {@code flipt.auth.*}, taken from the generated descriptors
     * (an RPC added to a proto joins by itself), called with its empty request on the runnable jar:
     * without a credential a protected RPC is UNAUTHENTICATED and a public one is not; with a
     * credential (a fresh token each time, since some RPCs end their caller's session) every
     * protected RPC is served — whatever it says of an empty request, never UNIMPLEMENTED or
     * UNAUTHENTICATED.
     */
    @org.junit.jupiter.api.TestFactory
    Stream<org.junit.jupiter.api.DynamicTest> everyFliptAndAuthRpcIsGatedAsFliptGatesIt() {
        return Stream.of(FliptGrpc.getServiceDescriptor(), PublicAuthenticationServiceGrpc.getServiceDescriptor(),
                        AuthenticationServiceGrpc.getServiceDescriptor(),
                        dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc.getServiceDescriptor(),
                        dev.flagpost.grpc.auth.v1.AuthenticationMethodOIDCServiceGrpc.getServiceDescriptor(),
                        dev.flagpost.grpc.auth.v1.AuthenticationMethodGithubServiceGrpc.getServiceDescriptor(),
                        dev.flagpost.grpc.auth.v1.AuthenticationMethodKubernetesServiceGrpc.getServiceDescriptor())
                .flatMap(d -> d.getMethods().stream())
                .map(m -> org.junit.jupiter.api.DynamicTest.dynamicTest(m.getFullMethodName(), () -> {
                    Status.Code anonymous = call(m, null);
                    if (PUBLIC_RPCS.contains(m.getFullMethodName())) {
                        assertTrue(anonymous != Status.Code.UNAUTHENTICATED, m.getFullMethodName() + " is public: " + anonymous);
                        return;
                    }
                    assertEquals(Status.Code.UNAUTHENTICATED, anonymous, m.getFullMethodName());
                    Status.Code served = call(m, http.createToken(admin, "{\"name\":\"parity\"}")[0]);
                    assertTrue(served != Status.Code.UNAUTHENTICATED && served != Status.Code.UNIMPLEMENTED,
                            m.getFullMethodName() + " with a credential: " + served);
                }));
    }

    @SuppressWarnings("unchecked")
    private Status.Code call(io.grpc.MethodDescriptor<?, ?> m, String token) {
        var method = (io.grpc.MethodDescriptor<Object, Object>) m;
        Object empty = ((io.grpc.MethodDescriptor.PrototypeMarshaller<Object>) method.getRequestMarshaller()).getMessagePrototype();
        io.grpc.Metadata headers = new io.grpc.Metadata();
        if (token != null) {
            headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        io.grpc.Channel channel = io.grpc.ClientInterceptors.intercept(GrpcClients.channel(server.grpcPort()),
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
        try {
            io.grpc.stub.ClientCalls.blockingUnaryCall(channel, method, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS), empty);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
