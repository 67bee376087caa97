package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.method.token.TokenMethodGrpcService;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.evaluation.SnapshotLoader;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.CreateTokenRequest;
import dev.flagpost.grpc.auth.v1.DeleteAuthenticationRequest;
import dev.flagpost.grpc.auth.v1.GetAuthenticationRequest;
import dev.flagpost.grpc.auth.v1.ListAuthenticationsRequest;
import dev.flagpost.grpc.auth.v1.PublicAuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.RevokeAuthenticationSelfRequest;
import dev.flagpost.grpc.evaluation.v1.BatchEvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationReason;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationResponseType;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.CreateFlagRequest;
import dev.flagpost.grpc.flipt.v1.CreateNamespaceRequest;
import dev.flagpost.grpc.flipt.v1.CreateVariantRequest;
import dev.flagpost.grpc.flipt.v1.DeleteFlagRequest;
import dev.flagpost.grpc.flipt.v1.DeleteVariantRequest;
import dev.flagpost.grpc.flipt.v1.FlagType;
import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import dev.flagpost.grpc.flipt.v1.GetFlagRequest;
import dev.flagpost.grpc.flipt.v1.GetNamespaceRequest;
import dev.flagpost.grpc.flipt.v1.ListFlagRequest;
import dev.flagpost.grpc.flipt.v1.UpdateFlagRequest;
import dev.flagpost.grpc.flipt.v1.UpdateNamespaceRequest;
import dev.flagpost.persistence.Database;
import dev.flagpost.persistence.Jpa;
import dev.flagpost.testing.Configs;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every gRPC service in-process, behind the real interceptor, over real components on H2. */
class GrpcServicesTest {
    final MutableClock clock = new MutableClock(Instant.now());
    final AuthenticationConfig config = Configs.load("authentication: {required: true, methods: {token: {enabled: true}}}").authentication();
    Database database;
    Server server;
    ManagedChannel channel;
    String admin;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.h2(), allEntities());
        Jpa jpa = database.jpa();
        var store = new JpaAuthenticationStore(jpa, clock);
        var cache = new AuthenticationCache(java.time.Duration.ofSeconds(10), 100);
        var tokenConfig = config.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow();
        var statics = new StaticTokens(tokenConfig, clock.instant());
        var resolver = new CredentialResolver(statics, store, cache, clock, config::enabled);
        var gate = new Gate(new SectionAccess(config), resolver::resolve, new CsrfGuard(config.session()));
        var creator = new TokenCreator(store, new ClientTokens(), clock);
        var evaluationCache = new EvaluationStateCache(new SnapshotLoader(jpa));
        var flags = FlagServices.over(new FlagState(jpa, clock, evaluationCache::invalidate));
        var evaluation = new EvaluationService(evaluationCache, clock);
        var interceptor = new GrpcAuthInterceptor(() -> gate);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new PublicAuthenticationGrpcService(() -> config, () -> m -> Map.of()), interceptor))
                .addService(ServerInterceptors.intercept(new AuthenticationGrpcService(
                        () -> new AuthenticationService(store, statics, cache, clock)), interceptor))
                .addService(ServerInterceptors.intercept(new TokenMethodGrpcService(
                        () -> dev.flagpost.authn.method.AuthMethods.of(new dev.flagpost.authn.method.token.TokenMethod(tokenConfig, creator, clock.instant()))), interceptor))
                .addService(ServerInterceptors.intercept(new EvaluationGrpcService(() -> evaluation), interceptor))
                .addService(ServerInterceptors.intercept(new FliptGrpcService(() -> flags, () -> evaluation), interceptor))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        admin = creator.issue(dev.flagpost.authn.Method.TOKEN, null, Map.of()).clientToken();
    }

    static List<Class<?>> allEntities() {
        List<Class<?>> entities = new ArrayList<>(JpaAuthenticationStore.entities());
        entities.addAll(FlagServices.ENTITIES);
        return entities;
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        database.close();
    }

    <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    static Status.Code code(Executable call) {
        return assertThrows(StatusRuntimeException.class, call::execute).getStatus().getCode();
    }

    interface Executable {
        void execute();
    }

    @Test
    void authenticationServiceCoversSelfListGetDeleteAndRevoke() {
        var auth = as(AuthenticationServiceGrpc.newBlockingStub(channel), admin);
        var tokens = as(AuthenticationMethodTokenServiceGrpc.newBlockingStub(channel), admin);
        var created = tokens.createToken(CreateTokenRequest.newBuilder().setName("svc").setNamespaceKey("team").putMetadata("k", "v").build());
        assertEquals("team", created.getAuthentication().getMetadataOrThrow("io.flipt.auth.token.namespace"));
        assertEquals(2, auth.listAuthentications(ListAuthenticationsRequest.getDefaultInstance()).getAuthenticationsCount());
        assertEquals("svc", auth.getAuthentication(GetAuthenticationRequest.newBuilder().setId(created.getAuthentication().getId()).build())
                .getMetadataOrThrow("io.flipt.auth.token.name"));
        auth.deleteAuthentication(DeleteAuthenticationRequest.newBuilder().setId(created.getAuthentication().getId()).build());
        assertEquals(Status.Code.NOT_FOUND, code(() -> auth.getAuthentication(GetAuthenticationRequest.newBuilder().setId(created.getAuthentication().getId()).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> tokens.createToken(CreateTokenRequest.getDefaultInstance())));

        String other = tokens.createToken(CreateTokenRequest.newBuilder().setName("revoke-me").build()).getClientToken();
        var asOther = as(AuthenticationServiceGrpc.newBlockingStub(channel), other);
        assertFalse(asOther.getAuthenticationSelf(Empty.getDefaultInstance()).getId().isEmpty());
        asOther.revokeAuthenticationSelf(RevokeAuthenticationSelfRequest.getDefaultInstance());
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> asOther.getAuthenticationSelf(Empty.getDefaultInstance())));
    }

    @Test
    void interceptorRefusesMissingAndUnknownTokensAndLetsPublicCallsThrough() {
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> AuthenticationServiceGrpc.newBlockingStub(channel).getAuthenticationSelf(Empty.getDefaultInstance())));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> as(AuthenticationServiceGrpc.newBlockingStub(channel), "nope").getAuthenticationSelf(Empty.getDefaultInstance())));
        var listed = PublicAuthenticationServiceGrpc.newBlockingStub(channel).listAuthenticationMethods(Empty.getDefaultInstance());
        assertEquals(List.of("METHOD_TOKEN", "METHOD_GITHUB", "METHOD_OIDC", "METHOD_KUBERNETES", "METHOD_JWT"),
                listed.getMethodsList().stream().map(m -> m.getMethod().name()).toList(), "Flipt's methods only: LDAP is listed only when on");
    }

    @Test
    void aScopedTokenCannotSendABatchThatNamesNoNamespace() {
        String scoped = new TokenCreator(new JpaAuthenticationStore(database.jpa(), clock), new ClientTokens(), clock)
                .issue(dev.flagpost.authn.Method.TOKEN, null, Map.of(dev.flagpost.authn.Authentication.META_TOKEN_NAMESPACE, "team")).clientToken();
        var evaluation = as(EvaluationServiceGrpc.newBlockingStub(channel), scoped);
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> evaluation.batch(dev.flagpost.grpc.evaluation.v1.BatchEvaluationRequest.getDefaultInstance())));
        var admin = as(EvaluationServiceGrpc.newBlockingStub(channel), this.admin);
        assertEquals(0, admin.batch(dev.flagpost.grpc.evaluation.v1.BatchEvaluationRequest.getDefaultInstance()).getResponsesCount());
    }

    /**
     * The second layer: services served with no gate at all (their raw definitions, as if every
     * interceptor were lost) still refuse callers in sections that need one, and write nothing.
     */
    @Test
    void servicesServedWithoutAnyGateRefuseProtectedCallsAndWriteNothing() throws Exception {
        var flags = FlagServices.over(new FlagState(database.jpa(), clock, ns -> { }));
        String name = InProcessServerBuilder.generateName();
        Server bare = InProcessServerBuilder.forName(name).directExecutor()
                .addService(FliptGrpc.bindService(new FliptGrpcService(() -> flags, () -> {
                    throw new AssertionError("evaluation ran without a gate");
                })))
                .addService(EvaluationServiceGrpc.bindService(new EvaluationGrpcService(() -> {
                    throw new AssertionError("evaluation ran without a gate");
                })))
                .build().start();
        var bareChannel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            var flipt = as(FliptGrpc.newBlockingStub(bareChannel), admin);
            assertEquals(Status.Code.UNAUTHENTICATED, code(() -> flipt.createNamespace(
                    dev.flagpost.grpc.flipt.v1.CreateNamespaceRequest.newBuilder().setKey("ungated").setName("x").build())));
            assertEquals(Status.Code.UNAUTHENTICATED, code(() -> as(EvaluationServiceGrpc.newBlockingStub(bareChannel), admin)
                    .boolean_(dev.flagpost.grpc.evaluation.v1.EvaluationRequest.newBuilder().setFlagKey("f").setEntityId("e").build())));
            // Nothing was written: the gated service, with a real caller, does not find it.
            assertEquals(Status.Code.NOT_FOUND, code(() -> as(FliptGrpc.newBlockingStub(channel), admin)
                    .getNamespace(dev.flagpost.grpc.flipt.v1.GetNamespaceRequest.newBuilder().setKey("ungated").build())));
        } finally {
            bareChannel.shutdownNow();
            bare.shutdownNow();
        }
    }

    @Test
    void interceptorAnswersUnavailableWhenTheStoreIsDown() {
        database.close();
        assertEquals(Status.Code.UNAVAILABLE, code(() -> as(AuthenticationServiceGrpc.newBlockingStub(channel), admin).getAuthenticationSelf(Empty.getDefaultInstance())));
        database = Database.open(TestDatabases.h2(), allEntities()); // for @AfterEach
    }

    @Test
    void fliptServiceManagesNamespacesFlagsAndVariants() {
        var flipt = as(FliptGrpc.newBlockingStub(channel), admin);
        flipt.createNamespace(CreateNamespaceRequest.newBuilder().setKey("g").setName("G").build());
        assertEquals("Gee", flipt.updateNamespace(UpdateNamespaceRequest.newBuilder().setKey("g").setName("Gee").build()).getName());
        assertEquals("Gee", flipt.getNamespace(GetNamespaceRequest.newBuilder().setKey("g").build()).getName());
        var flag = flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").setName("F").setType(FlagType.BOOLEAN_FLAG_TYPE)
                .setMetadata(Struct.newBuilder().putFields("team", Value.newBuilder().setStringValue("a").build())).build());
        assertEquals(FlagType.BOOLEAN_FLAG_TYPE, flag.getType());
        assertEquals("a", flag.getMetadata().getFieldsOrThrow("team").getStringValue());
        assertTrue(flipt.updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").setName("F").setEnabled(true).build()).getEnabled());
        var variant = flipt.createVariant(CreateVariantRequest.newBuilder().setNamespaceKey("g").setFlagKey("f").setKey("v").build());
        assertEquals(1, flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").build()).getVariantsCount());
        flipt.deleteVariant(DeleteVariantRequest.newBuilder().setNamespaceKey("g").setFlagKey("f").setId(variant.getId()).build());
        assertEquals(1, flipt.listFlags(ListFlagRequest.newBuilder().setNamespaceKey("g").build()).getTotalCount());
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("g").setKey("x").setName("X")
                .setMetadata(Struct.newBuilder().putFields("n", Value.newBuilder().setNumberValue(1).build())).build())));
        assertEquals(Status.Code.ALREADY_EXISTS, code(() -> flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").setName("F").build())));
        flipt.deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").build());
        assertEquals(Status.Code.NOT_FOUND, code(() -> flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey("g").setKey("f").build())));
    }

    @Test
    void evaluationServiceEvaluatesAndHonoursNamespaceScope() {
        var flipt = as(FliptGrpc.newBlockingStub(channel), admin);
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("b").setName("B").setType(FlagType.BOOLEAN_FLAG_TYPE).setEnabled(true).build());
        var eval = as(EvaluationServiceGrpc.newBlockingStub(channel), admin);
        var r = eval.boolean_(EvaluationRequest.newBuilder().setFlagKey("b").setEntityId("u").build());
        assertTrue(r.getEnabled());
        assertEquals(EvaluationReason.DEFAULT_EVALUATION_REASON, r.getReason());
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> eval.variant(EvaluationRequest.newBuilder().setFlagKey("b").setEntityId("u").build())));
        var batch = eval.batch(BatchEvaluationRequest.newBuilder()
                .addRequests(EvaluationRequest.newBuilder().setFlagKey("b").setEntityId("u"))
                .addRequests(EvaluationRequest.newBuilder().setFlagKey("ghost").setEntityId("u")).build());
        assertEquals(EvaluationResponseType.BOOLEAN_EVALUATION_RESPONSE_TYPE, batch.getResponses(0).getType());
        assertEquals(EvaluationResponseType.ERROR_EVALUATION_RESPONSE_TYPE, batch.getResponses(1).getType());

        String scoped = as(AuthenticationMethodTokenServiceGrpc.newBlockingStub(channel), admin)
                .createToken(CreateTokenRequest.newBuilder().setName("s").setNamespaceKey("elsewhere").build()).getClientToken();
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> as(EvaluationServiceGrpc.newBlockingStub(channel), scoped)
                .boolean_(EvaluationRequest.newBuilder().setFlagKey("b").setEntityId("u").build())));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> as(AuthenticationServiceGrpc.newBlockingStub(channel), scoped)
                .getAuthenticationSelf(Empty.getDefaultInstance())));
    }
}
