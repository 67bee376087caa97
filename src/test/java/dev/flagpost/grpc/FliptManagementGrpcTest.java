package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.AuthenticationCache;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.SectionAccess;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import dev.flagpost.authn.method.token.StaticTokens;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.store.JpaAuthenticationStore;
import dev.flagpost.authn.web.CsrfGuard;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.evaluation.SnapshotLoader;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.grpc.evaluation.v1.EvaluationReason;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.flipt.v1.*;
import dev.flagpost.persistence.Database;
import dev.flagpost.testing.Configs;
import dev.flagpost.testing.MutableClock;
import dev.flagpost.testing.TestDatabases;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule, distribution, rollout, segment and constraint RPCs of {@code flipt.Flipt}: in-process,
 * behind the real interceptor, over the same services as HTTP on H2. Effects are read back over
 * gRPC, through the services HTTP uses, and through evaluation.
 */
class FliptManagementGrpcTest {
    final MutableClock clock = new MutableClock(Instant.now());
    final AuthenticationConfig config = Configs.load("authentication: {required: true, methods: {token: {enabled: true}}}").authentication();
    Database database;
    Server server;
    ManagedChannel channel;
    FlagServices services;
    TokenCreator creator;
    String admin;
    FliptGrpc.FliptBlockingStub flipt;
    EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.h2(), GrpcServicesTest.allEntities());
        var store = new JpaAuthenticationStore(database.jpa(), clock);
        var resolver = new CredentialResolver(new StaticTokens(config.method(dev.flagpost.authn.Method.TOKEN, dev.flagpost.authn.method.token.TokenMethodConfig.class).orElseThrow(), clock.instant()), store,
                new AuthenticationCache(java.time.Duration.ofSeconds(10), 100), clock, config::enabled);
        var gate = new Gate(new SectionAccess(config), resolver::resolve, new CsrfGuard(config.session()));
        creator = new TokenCreator(store, new ClientTokens(), clock);
        var evaluationCache = new EvaluationStateCache(new SnapshotLoader(database.jpa()));
        services = FlagServices.over(new FlagState(database.jpa(), clock, evaluationCache::invalidate));
        var evaluator = new EvaluationService(evaluationCache, clock);
        var interceptor = new GrpcAuthInterceptor(() -> gate);
        String name = InProcessServerBuilder.generateName();
        // As served: each service binds the gate itself (bindService), here with this test's gate as well.
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(io.grpc.ServerInterceptors.intercept(new FliptGrpcService(() -> services, () -> evaluator), interceptor))
                .addService(io.grpc.ServerInterceptors.intercept(new EvaluationGrpcService(() -> evaluator), interceptor))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        admin = creator.issue(dev.flagpost.authn.Method.TOKEN, null, Map.of()).clientToken();
        flipt = as(FliptGrpc.newBlockingStub(channel), admin);
        evaluation = as(EvaluationServiceGrpc.newBlockingStub(channel), admin);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        database.close();
    }

    static <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    String scopedTo(String namespace) {
        return creator.issue(dev.flagpost.authn.Method.TOKEN, null, Map.of(Authentication.META_TOKEN_NAMESPACE, namespace)).clientToken();
    }

    static Status status(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus();
    }

    static void refused(Status.Code code, String message, Runnable call) {
        Status s = status(call);
        assertEquals(code, s.getCode(), s.toString());
        if (message != null) {
            assertEquals(message, s.getDescription());
        }
    }

    /** Everything these RPCs can change in a namespace, as HTTP would list it. */
    String state(String ns) {
        StringBuilder b = new StringBuilder(services.segments().list(ns, 100, 0).toString());
        services.flags().list(ns, 100, 0).flags().forEach(f -> b.append(services.rules().list(ns, f.key(), 100, 0))
                .append(services.rollouts().list(ns, f.key(), 100, 0)));
        return b.toString();
    }

    /** A variant flag with variants a and b, a segment "pro" (plan == pro) and a rule on it. */
    record VariantSetup(String flag, Variant a, Variant b, Rule rule) {
    }

    VariantSetup variantSetup(String ns) {
        flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(ns).setKey("color").setName("Color").setEnabled(true).build());
        Variant a = flipt.createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setKey("a").build());
        Variant b = flipt.createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setKey("b").build());
        flipt.createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(ns).setKey("pro").setName("Pro").build());
        flipt.createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(ns).setSegmentKey("pro")
                .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("plan").setOperator("eq").setValue("pro").build());
        Rule rule = flipt.createRule(CreateRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").addSegmentKeys("pro").setRank(1).build());
        return new VariantSetup("color", a, b, rule);
    }

    static CreateConstraintRequest constraint(ComparisonType type, String property, String operator, String value) {
        return CreateConstraintRequest.newBuilder().setSegmentKey("pro").setType(type).setProperty(property).setOperator(operator)
                .setValue(value).build();
    }

    EvaluationRequest.Builder eval(String flag, String plan) {
        return EvaluationRequest.newBuilder().setFlagKey(flag).setEntityId("user-1").putContext("plan", plan);
    }

    // --- success: every RPC, with its effect read back ---

    @Test
    void segmentsAndConstraintsAreManagedOverGrpcAndSeenByHttpServicesAndEvaluation() {
        Segment created = flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("beta").setName("Beta")
                .setDescription("d").setMatchType(MatchType.ANY_MATCH_TYPE).build());
        assertEquals("default", created.getNamespaceKey());
        assertEquals(MatchType.ANY_MATCH_TYPE, created.getMatchType());
        assertEquals("ANY_MATCH_TYPE", services.segments().get("default", "beta").matchType(), "HTTP sees what gRPC created");

        Constraint c = flipt.createConstraint(CreateConstraintRequest.newBuilder().setSegmentKey("beta")
                .setType(ComparisonType.NUMBER_COMPARISON_TYPE).setProperty("age").setOperator("gte").setValue("18").setDescription("adults").build());
        assertEquals(ComparisonType.NUMBER_COMPARISON_TYPE, c.getType());
        Segment read = flipt.getSegment(GetSegmentRequest.newBuilder().setKey("beta").build());
        assertEquals(List.of(c.getId()), read.getConstraintsList().stream().map(Constraint::getId).toList());
        assertEquals("adults", read.getConstraints(0).getDescription());

        Constraint updated = flipt.updateConstraint(UpdateConstraintRequest.newBuilder().setSegmentKey("beta").setId(c.getId())
                .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("plan").setOperator("isoneof").setValue("[\"pro\",\"team\"]").build());
        assertEquals("isoneof", updated.getOperator());
        assertEquals("[\"pro\",\"team\"]", services.segments().get("default", "beta").constraints().get(0).value());

        Segment renamed = flipt.updateSegment(UpdateSegmentRequest.newBuilder().setKey("beta").setName("Beta 2").setMatchType(MatchType.ALL_MATCH_TYPE).build());
        assertEquals("Beta 2", renamed.getName());
        assertEquals(1, renamed.getConstraintsCount());
        assertEquals("ALL_MATCH_TYPE", services.segments().get("default", "beta").matchType());

        flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("gamma").setName("Gamma").build());
        SegmentList page = flipt.listSegments(ListSegmentRequest.newBuilder().setLimit(1).build());
        assertEquals(2, page.getTotalCount());
        assertEquals(List.of("beta"), page.getSegmentsList().stream().map(Segment::getKey).toList());
        SegmentList next = flipt.listSegments(ListSegmentRequest.newBuilder().setLimit(1).setPageToken(page.getNextPageToken()).build());
        assertEquals(List.of("gamma"), next.getSegmentsList().stream().map(Segment::getKey).toList());
        assertEquals("", next.getNextPageToken());

        // The constraint is live: a rollout on the segment matches only entities in it.
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("toggle").setName("T").setType(FlagType.BOOLEAN_FLAG_TYPE).setEnabled(true).build());
        flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(1)
                .setSegment(RolloutSegment.newBuilder().addSegmentKeys("beta").setValue(false)).build());
        assertFalse(evaluation.boolean_(eval("toggle", "team").build()).getEnabled(), "in the segment: the rollout's value");
        assertTrue(evaluation.boolean_(eval("toggle", "free").build()).getEnabled(), "outside it: the flag's");

        Constraint entity = flipt.createConstraint(CreateConstraintRequest.newBuilder().setSegmentKey("beta")
                .setType(ComparisonType.ENTITY_ID_COMPARISON_TYPE).setProperty("entityId").setOperator("eq").setValue("user-1").build());
        assertEquals(2, services.segments().get("default", "beta").constraints().size());
        flipt.deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("beta").setId(entity.getId()).build());
        flipt.deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("beta").setId(c.getId()).build());
        assertEquals(0, services.segments().get("default", "beta").constraints().size());
        flipt.deleteSegment(DeleteSegmentRequest.newBuilder().setKey("gamma").build());
        refused(Status.Code.NOT_FOUND, "segment \"default/gamma\" not found",
                () -> flipt.getSegment(GetSegmentRequest.newBuilder().setKey("gamma").build()));
        assertEquals(1, services.segments().list("default", 100, 0).totalCount());
    }

    @Test
    void rulesAndDistributionsAreManagedOverGrpcAndDriveEvaluation() {
        VariantSetup s = variantSetup("default");
        assertEquals(1, s.rule().getRank());
        assertEquals(List.of("pro"), s.rule().getSegmentKeysList());
        assertEquals(s.rule(), flipt.getRule(GetRuleRequest.newBuilder().setFlagKey("color").setId(s.rule().getId()).build()));

        Distribution d = flipt.createDistribution(CreateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                .setVariantId(s.a().getId()).setRollout(100).build());
        assertEquals(100f, d.getRollout());
        assertEquals(100.0, services.rules().get("default", "color", s.rule().getId()).distributions().get(0).rollout());
        var matched = evaluation.variant(eval("color", "pro").build());
        assertTrue(matched.getMatch());
        assertEquals("a", matched.getVariantKey());
        assertEquals(EvaluationReason.MATCH_EVALUATION_REASON, matched.getReason());
        assertFalse(evaluation.variant(eval("color", "free").build()).getMatch());

        Distribution moved = flipt.updateDistribution(UpdateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                .setId(d.getId()).setVariantId(s.b().getId()).setRollout(33.3f).build());
        assertEquals(s.b().getId(), moved.getVariantId());
        assertEquals(33.3, services.rules().get("default", "color", s.rule().getId()).distributions().get(0).rollout(),
                "a wire float is stored as the decimal an HTTP client would send");
        flipt.updateDistribution(UpdateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                .setId(d.getId()).setVariantId(s.b().getId()).setRollout(100).build());
        assertEquals("b", evaluation.variant(eval("color", "pro").build()).getVariantKey());

        // A second rule, then the order reversed and the first updated and deleted.
        flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("all").setName("All").build());
        Rule second = flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("all").setRank(2).build());
        flipt.orderRules(OrderRulesRequest.newBuilder().setFlagKey("color").addRuleIds(second.getId()).addRuleIds(s.rule().getId()).build());
        RuleList listed = flipt.listRules(ListRuleRequest.newBuilder().setFlagKey("color").build());
        assertEquals(List.of(second.getId(), s.rule().getId()), listed.getRulesList().stream().map(Rule::getId).toList());
        assertEquals(List.of(1, 2), listed.getRulesList().stream().map(Rule::getRank).toList());
        assertEquals(2, listed.getTotalCount());

        Rule updated = flipt.updateRule(UpdateRuleRequest.newBuilder().setFlagKey("color").setId(s.rule().getId())
                .addSegmentKeys("pro").addSegmentKeys("all").setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertEquals(SegmentOperator.AND_SEGMENT_OPERATOR, updated.getSegmentOperator());
        assertEquals(2, updated.getRank(), "an update keeps the rank");
        assertEquals(List.of("all", "pro"), services.rules().get("default", "color", s.rule().getId()).segmentKeys());

        flipt.deleteDistribution(DeleteDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                .setId(d.getId()).setVariantId(s.b().getId()).build());
        assertEquals(0, flipt.getRule(GetRuleRequest.newBuilder().setFlagKey("color").setId(s.rule().getId()).build()).getDistributionsCount());
        flipt.deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("color").setId(second.getId()).build());
        RuleList after = flipt.listRules(ListRuleRequest.newBuilder().setFlagKey("color").build());
        assertEquals(List.of(s.rule().getId()), after.getRulesList().stream().map(Rule::getId).toList());
        assertEquals(1, after.getRules(0).getRank(), "ranks are compacted after a delete");
    }

    @Test
    void rolloutsAreManagedOverGrpcAndDriveEvaluation() {
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("toggle").setName("T").setType(FlagType.BOOLEAN_FLAG_TYPE).setEnabled(true).build());
        flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("everyone").setName("E").build());
        Rollout threshold = flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(1).setDescription("all out")
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(100).setValue(false)).build());
        assertEquals(RolloutType.THRESHOLD_ROLLOUT_TYPE, threshold.getType());
        assertEquals(100f, threshold.getThreshold().getPercentage());
        var off = evaluation.boolean_(eval("toggle", "x").build());
        assertFalse(off.getEnabled(), "the flag is enabled: only the rollout can turn it off");
        assertEquals(EvaluationReason.MATCH_EVALUATION_REASON, off.getReason());

        Rollout segment = flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(2)
                .setSegment(RolloutSegment.newBuilder().setSegmentKey("everyone").setValue(true)).build());
        assertEquals(RolloutType.SEGMENT_ROLLOUT_TYPE, segment.getType());
        assertEquals("everyone", segment.getSegment().getSegmentKey());
        assertEquals(segment, flipt.getRollout(GetRolloutRequest.newBuilder().setFlagKey("toggle").setId(segment.getId()).build()));

        flipt.orderRollouts(OrderRolloutsRequest.newBuilder().setFlagKey("toggle").addRolloutIds(segment.getId()).addRolloutIds(threshold.getId()).build());
        RolloutList listed = flipt.listRollouts(ListRolloutRequest.newBuilder().setFlagKey("toggle").build());
        assertEquals(List.of(segment.getId(), threshold.getId()), listed.getRulesList().stream().map(Rollout::getId).toList());
        assertTrue(evaluation.boolean_(eval("toggle", "x").build()).getEnabled(), "the segment rollout now comes first");

        Rollout changed = flipt.updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("toggle").setId(segment.getId()).setDescription("now off")
                .setSegment(RolloutSegment.newBuilder().setSegmentKey("everyone").setValue(false)).build());
        assertEquals("now off", changed.getDescription());
        assertEquals(1, changed.getRank());
        assertFalse(services.rollouts().get("default", "toggle", segment.getId()).segment().value(), "HTTP sees the update");
        assertFalse(evaluation.boolean_(eval("toggle", "x").build()).getEnabled());

        flipt.deleteRollout(DeleteRolloutRequest.newBuilder().setFlagKey("toggle").setId(segment.getId()).build());
        RolloutList after = flipt.listRollouts(ListRolloutRequest.newBuilder().setFlagKey("toggle").build());
        assertEquals(1, after.getTotalCount());
        assertEquals(1, after.getRules(0).getRank());
        refused(Status.Code.NOT_FOUND, "rollout \"default/" + segment.getId() + "\" not found",
                () -> flipt.getRollout(GetRolloutRequest.newBuilder().setFlagKey("toggle").setId(segment.getId()).build()));
    }

    @Test
    void aScopedTokenManagesItsOwnNamespaceOverGrpc() {
        flipt.createNamespace(CreateNamespaceRequest.newBuilder().setKey("team").setName("Team").build());
        var scoped = as(FliptGrpc.newBlockingStub(channel), scopedTo("team"));
        scoped.createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey("team").setKey("s").setName("S").build());
        scoped.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("team").setKey("f").setName("F").build());
        Rule rule = scoped.createRule(CreateRuleRequest.newBuilder().setNamespaceKey("team").setFlagKey("f").setSegmentKey("s").setRank(1).build());
        assertEquals("team", rule.getNamespaceKey());
        assertEquals(1, services.rules().list("team", "f", 10, 0).totalCount());
    }

    // --- refusals ---

    /** Every new RPC, as a call with a fixed target, for the refusal tables. */
    List<Consumer<FliptGrpc.FliptBlockingStub>> everyNewRpc(String ns, String ruleId, String rolloutId, String variantId, String constraintId) {
        return List.of(
                f -> f.getRule(GetRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setId(ruleId).build()),
                f -> f.listRules(ListRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").build()),
                f -> f.createRule(CreateRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setSegmentKey("pro").setRank(2).build()),
                f -> f.updateRule(UpdateRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setId(ruleId).setSegmentKey("pro")
                        .setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build()),
                f -> f.orderRules(OrderRulesRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").addRuleIds(ruleId).addRuleIds(ruleId).build()),
                f -> f.deleteRule(DeleteRuleRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setId(ruleId).build()),
                f -> f.getRollout(GetRolloutRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").setId(rolloutId).build()),
                f -> f.listRollouts(ListRolloutRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").build()),
                f -> f.createRollout(CreateRolloutRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").setRank(2)
                        .setThreshold(RolloutThreshold.newBuilder().setPercentage(5)).build()),
                f -> f.updateRollout(UpdateRolloutRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").setId(rolloutId)
                        .setThreshold(RolloutThreshold.newBuilder().setPercentage(1)).build()),
                f -> f.deleteRollout(DeleteRolloutRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").setId(rolloutId).build()),
                f -> f.orderRollouts(OrderRolloutsRequest.newBuilder().setNamespaceKey(ns).setFlagKey("toggle").addRolloutIds(rolloutId)
                        .addRolloutIds(rolloutId).build()),
                f -> f.createDistribution(CreateDistributionRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setRuleId(ruleId)
                        .setVariantId(variantId).setRollout(50).build()),
                f -> f.updateDistribution(UpdateDistributionRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setRuleId(ruleId)
                        .setId(ruleId).setVariantId(variantId).setRollout(50).build()),
                f -> f.deleteDistribution(DeleteDistributionRequest.newBuilder().setNamespaceKey(ns).setFlagKey("color").setRuleId(ruleId)
                        .setId(ruleId).build()),
                f -> f.getSegment(GetSegmentRequest.newBuilder().setNamespaceKey(ns).setKey("pro").build()),
                f -> f.listSegments(ListSegmentRequest.newBuilder().setNamespaceKey(ns).build()),
                f -> f.createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(ns).setKey("new").setName("N").build()),
                f -> f.updateSegment(UpdateSegmentRequest.newBuilder().setNamespaceKey(ns).setKey("pro").setName("Renamed").build()),
                f -> f.deleteSegment(DeleteSegmentRequest.newBuilder().setNamespaceKey(ns).setKey("pro").build()),
                f -> f.createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(ns).setSegmentKey("pro")
                        .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("p").setOperator("eq").setValue("v").build()),
                f -> f.updateConstraint(UpdateConstraintRequest.newBuilder().setNamespaceKey(ns).setSegmentKey("pro").setId(constraintId)
                        .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("p").setOperator("eq").setValue("v").build()),
                f -> f.deleteConstraint(DeleteConstraintRequest.newBuilder().setNamespaceKey(ns).setSegmentKey("pro").setId(constraintId).build()));
    }

    /** Fixtures in "default" for the refusal tables: a variant flag with a rule, a boolean flag with a rollout. */
    List<Consumer<FliptGrpc.FliptBlockingStub>> targetsInDefault() {
        VariantSetup s = variantSetup("default");
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("toggle").setName("T").setType(FlagType.BOOLEAN_FLAG_TYPE).build());
        Rollout rollout = flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(1)
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(50).setValue(true)).build());
        String constraintId = flipt.getSegment(GetSegmentRequest.newBuilder().setKey("pro").build()).getConstraints(0).getId();
        return everyNewRpc("", s.rule().getId(), rollout.getId(), s.a().getId(), constraintId);
    }

    @Test
    void withoutACredentialEveryNewRpcIsUnauthenticatedAndChangesNothing() {
        var calls = targetsInDefault();
        assertEquals(23, calls.size());
        String before = state("default");
        var anonymous = FliptGrpc.newBlockingStub(channel);
        var unknown = as(FliptGrpc.newBlockingStub(channel), "not-a-token");
        for (int i = 0; i < calls.size(); i++) {
            var call = calls.get(i);
            assertEquals(Status.Code.UNAUTHENTICATED, status(() -> call.accept(anonymous)).getCode(), "call #" + i);
            assertEquals(Status.Code.UNAUTHENTICATED, status(() -> call.accept(unknown)).getCode(), "call #" + i);
        }
        assertEquals(before, state("default"));
    }

    @Test
    void aTokenScopedToAnotherNamespaceIsRefusedEveryNewRpcAndChangesNothing() {
        var calls = targetsInDefault();
        flipt.createNamespace(CreateNamespaceRequest.newBuilder().setKey("team").setName("Team").build());
        String before = state("default");
        var scoped = as(FliptGrpc.newBlockingStub(channel), scopedTo("team"));
        for (int i = 0; i < calls.size(); i++) {
            var call = calls.get(i);
            // The calls name no namespace: that is "default", which this token may not touch.
            Status s = status(() -> call.accept(scoped));
            assertEquals(Status.Code.PERMISSION_DENIED, s.getCode(), "call #" + i + ": " + s);
        }
        var explicit = everyNewRpc("default", "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000");
        for (int i = 0; i < explicit.size(); i++) {
            var call = explicit.get(i);
            assertEquals(Status.Code.PERMISSION_DENIED, status(() -> call.accept(scoped)).getCode(), "explicit default, call #" + i);
        }
        assertEquals(before, state("default"));
    }

    @Test
    void invalidInputIsInvalidArgumentInFliptsWords() {
        VariantSetup s = variantSetup("default");
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("toggle").setName("T").setType(FlagType.BOOLEAN_FLAG_TYPE).build());
        Rollout rollout = flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(1)
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(50)).build());
        String before = state("default");
        Status.Code bad = Status.Code.INVALID_ARGUMENT;

        refused(bad, "rank number: 1 already exists",
                () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("pro").setRank(1).build()));
        refused(bad, "rank number: 1 already exists", () -> flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(1)
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(10)).build()));
        refused(bad, "invalid field rank: must be greater than 0",
                () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("pro").build()));
        refused(bad, "invalid field rank: must be greater than 0", () -> flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle")
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(10)).build()));
        refused(bad, "invalid field segmentKey or segmentKeys: must not be empty",
                () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setRank(2).build()));
        refused(bad, "invalid field segmentKey or segmentKeys: only one can be present",
                () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("pro").addSegmentKeys("pro").setRank(2).build()));
        refused(bad, "invalid field ruleIds: must contain atleast 2 elements",
                () -> flipt.orderRules(OrderRulesRequest.newBuilder().setFlagKey("color").addRuleIds(s.rule().getId()).build()));
        refused(bad, "invalid field rolloutIds: must contain atleast 2 elements",
                () -> flipt.orderRollouts(OrderRolloutsRequest.newBuilder().setFlagKey("toggle").addRolloutIds(rollout.getId()).build()));
        refused(bad, "invalid field rollout: must be less than or equal to '100'", () -> flipt.createDistribution(CreateDistributionRequest.newBuilder()
                .setFlagKey("color").setRuleId(s.rule().getId()).setVariantId(s.a().getId()).setRollout(100.5f).build()));
        refused(bad, "invalid field rollout: must be greater than or equal to '0'", () -> flipt.createDistribution(CreateDistributionRequest.newBuilder()
                .setFlagKey("color").setRuleId(s.rule().getId()).setVariantId(s.a().getId()).setRollout(-1).build()));
        refused(bad, "invalid field threshold.percentage: must be within range [0, 100]", () -> flipt.createRollout(CreateRolloutRequest.newBuilder()
                .setFlagKey("toggle").setRank(2).setThreshold(RolloutThreshold.newBuilder().setPercentage(150)).build()));
        refused(bad, "invalid field threshold.percentage: must be within range [0, 100]", () -> flipt.updateRollout(UpdateRolloutRequest.newBuilder()
                .setFlagKey("toggle").setId(rollout.getId()).setThreshold(RolloutThreshold.newBuilder().setPercentage(-0.5f)).build()));
        refused(bad, "rollout rule is missing",
                () -> flipt.createRollout(CreateRolloutRequest.newBuilder().setFlagKey("toggle").setRank(2).build()));
        refused(bad, "invalid field rule: invalid rollout rule type",
                () -> flipt.updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("toggle").setId(rollout.getId()).build()));
        refused(bad, "cannot change type of rollout: have \"THRESHOLD_ROLLOUT_TYPE\" attempted \"SEGMENT_ROLLOUT_TYPE\"",
                () -> flipt.updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("toggle").setId(rollout.getId())
                        .setSegment(RolloutSegment.newBuilder().setSegmentKey("pro")).build()));
        refused(bad, "pageToken is not valid: \"!!\"",
                () -> flipt.listRules(ListRuleRequest.newBuilder().setFlagKey("color").setPageToken("!!").build()));
        refused(bad, "pageToken is not valid: \"!!\"", () -> flipt.listSegments(ListSegmentRequest.newBuilder().setPageToken("!!").build()));
        refused(bad, "invalid field property: must not be empty", () -> flipt.createConstraint(constraint(ComparisonType.STRING_COMPARISON_TYPE,
                "", "eq", "v")));
        refused(bad, "invalid field operator: must not be empty", () -> flipt.createConstraint(constraint(ComparisonType.STRING_COMPARISON_TYPE,
                "p", "", "v")));
        refused(bad, "invalid constraint type: \"UNKNOWN_COMPARISON_TYPE\"", () -> flipt.createConstraint(constraint(
                ComparisonType.UNKNOWN_COMPARISON_TYPE, "p", "eq", "v")));
        refused(bad, "constraint operator \"PREFIX\" is not valid for type number", () -> flipt.createConstraint(constraint(
                ComparisonType.NUMBER_COMPARISON_TYPE, "age", "PREFIX", "1")));
        refused(bad, "constraint operator \"lt\" is not valid for type entityId", () -> flipt.createConstraint(constraint(
                ComparisonType.ENTITY_ID_COMPARISON_TYPE, "entityId", "lt", "1")));
        refused(bad, "property is id instead of \"entityId\"", () -> flipt.createConstraint(constraint(
                ComparisonType.ENTITY_ID_COMPARISON_TYPE, "id", "eq", "u1")));
        refused(bad, "invalid field value: must not be empty", () -> flipt.createConstraint(constraint(
                ComparisonType.STRING_COMPARISON_TYPE, "p", "eq", "")));
        refused(bad, "parsing datetime from \"tomorrow\"", () -> flipt.createConstraint(constraint(
                ComparisonType.DATETIME_COMPARISON_TYPE, "d", "lt", "tomorrow")));
        refused(bad, "invalid value provided for property \"p\" of type string", () -> flipt.createConstraint(constraint(
                ComparisonType.STRING_COMPARISON_TYPE, "p", "isoneof", "a,b")));
        refused(bad, "invalid value provided for property \"n\" of type number", () -> flipt.createConstraint(constraint(
                ComparisonType.NUMBER_COMPARISON_TYPE, "n", "isnotoneof", "[\"1\"]")));
        refused(bad, "too many values provided for property \"p\" of type string (maximum 100)", () -> flipt.createConstraint(constraint(
                ComparisonType.STRING_COMPARISON_TYPE, "p", "isoneof", "[" + "\"x\",".repeat(100) + "\"y\"]")));
        // What HTTP takes from its path may be empty in a protobuf request: Flipt's check.
        refused(bad, "invalid field flagKey: must not be empty", () -> flipt.listRules(ListRuleRequest.getDefaultInstance()));
        refused(bad, "invalid field id: must not be empty", () -> flipt.getRollout(GetRolloutRequest.newBuilder().setFlagKey("toggle").build()));
        refused(bad, "invalid field ruleId: must not be empty", () -> flipt.createDistribution(CreateDistributionRequest.newBuilder()
                .setFlagKey("color").setVariantId(s.a().getId()).setRollout(1).build()));
        refused(bad, "invalid field key: must not be empty", () -> flipt.deleteSegment(DeleteSegmentRequest.getDefaultInstance()));
        refused(bad, "invalid field segmentKey: must not be empty", () -> flipt.createConstraint(CreateConstraintRequest.newBuilder()
                .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("p").setOperator("eq").setValue("v").build()));
        // Checked as HTTP checks them (the same service calls): messages are Flagpost's where Flipt has none to copy.
        refused(bad, null, () -> flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("no spaces").setName("X").build()));
        refused(bad, null, () -> flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("k").build()));
        refused(bad, null, () -> flipt.createConstraint(CreateConstraintRequest.newBuilder().setSegmentKey("pro")
                .setType(ComparisonType.NUMBER_COMPARISON_TYPE).setProperty("age").setOperator("prefix").setValue("1").build()));
        refused(bad, null, () -> flipt.createConstraint(CreateConstraintRequest.newBuilder().setSegmentKey("pro").setProperty("p").setOperator("eq").setValue("v").build()));
        refused(bad, null, () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("pro").setRank(2)
                .setSegmentOperatorValue(7).build()));
        refused(bad, null, () -> flipt.createSegment(CreateSegmentRequest.newBuilder().setKey("k").setName("K").setMatchTypeValue(9).build()));
        refused(bad, null, () -> flipt.createDistribution(CreateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                .setVariantId(s.a().getId()).setRollout(Float.NaN).build()));
        assertEquals(before, state("default"), "nothing refused was written");
    }

    @Test
    void missingTargetsAreNotFoundInFliptsWords() {
        VariantSetup s = variantSetup("default");
        flipt.createFlag(CreateFlagRequest.newBuilder().setKey("toggle").setName("T").setType(FlagType.BOOLEAN_FLAG_TYPE).build());
        String ghost = "3a0b2c5e-5b0e-4a55-9b0e-000000000000";
        Status.Code nf = Status.Code.NOT_FOUND;

        refused(nf, "rule \"default/" + ghost + "\" not found", () -> flipt.getRule(GetRuleRequest.newBuilder().setFlagKey("color").setId(ghost).build()));
        refused(nf, "rule \"default/not-a-uuid\" not found",
                () -> flipt.getRule(GetRuleRequest.newBuilder().setFlagKey("color").setId("not-a-uuid").build()));
        refused(nf, "rule \"default/" + s.rule().getId() + "\" not found", () -> flipt.updateRule(UpdateRuleRequest.newBuilder()
                .setFlagKey("toggle").setId(s.rule().getId()).setSegmentKey("pro").build()));
        refused(nf, "rollout \"default/" + ghost + "\" not found",
                () -> flipt.getRollout(GetRolloutRequest.newBuilder().setFlagKey("toggle").setId(ghost).build()));
        refused(nf, "segment \"default/nope\" not found", () -> flipt.getSegment(GetSegmentRequest.newBuilder().setKey("nope").build()));
        refused(nf, "segment \"default/nope\" not found",
                () -> flipt.createRule(CreateRuleRequest.newBuilder().setFlagKey("color").setSegmentKey("nope").setRank(2).build()));
        refused(nf, "flag \"default/nope\" not found", () -> flipt.listRules(ListRuleRequest.newBuilder().setFlagKey("nope").build()));
        refused(nf, "flag \"default/nope\" not found", () -> flipt.listRollouts(ListRolloutRequest.newBuilder().setFlagKey("nope").build()));
        refused(nf, "constraint \"" + ghost + "\" not found", () -> flipt.updateConstraint(UpdateConstraintRequest.newBuilder().setSegmentKey("pro")
                .setId(ghost).setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("p").setOperator("eq").setValue("v").build()));
        refused(nf, "variant \"" + ghost + "\", rule \"" + s.rule().getId() + "\", flag \"color\" in namespace \"default\" not found",
                () -> flipt.createDistribution(CreateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(s.rule().getId())
                        .setVariantId(ghost).setRollout(10).build()));
        refused(nf, "variant \"" + s.a().getId() + "\", rule \"" + ghost + "\", flag \"color\" in namespace \"default\" not found",
                () -> flipt.createDistribution(CreateDistributionRequest.newBuilder().setFlagKey("color").setRuleId(ghost)
                        .setVariantId(s.a().getId()).setRollout(10).build()));
        refused(nf, "distribution \"" + ghost + "\" not found", () -> flipt.updateDistribution(UpdateDistributionRequest.newBuilder()
                .setFlagKey("color").setRuleId(s.rule().getId()).setId(ghost).setVariantId(s.a().getId()).setRollout(10).build()));
        refused(nf, "namespace \"nowhere\" not found", () -> flipt.listSegments(ListSegmentRequest.newBuilder().setNamespaceKey("nowhere").build()));

        // Deleting what is not there is no error, as in Flipt.
        String before = state("default");
        flipt.deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("color").setId(ghost).build());
        flipt.deleteRollout(DeleteRolloutRequest.newBuilder().setFlagKey("toggle").setId("not-a-uuid").build());
        flipt.deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("pro").setId("not-a-uuid").build());
        flipt.deleteDistribution(DeleteDistributionRequest.newBuilder().setFlagKey("color").setRuleId(ghost).setId(ghost).build());
        flipt.deleteSegment(DeleteSegmentRequest.newBuilder().setKey("nope").build());
        assertEquals(before, state("default"));
    }
}
