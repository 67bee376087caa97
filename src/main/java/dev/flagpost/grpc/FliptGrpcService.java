package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import com.google.protobuf.Empty;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.store.FlagService;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.grpc.flipt.v1.*; // every request and response of flipt.Flipt
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code flipt.Flipt} over the same services as {@code /api/v1}: namespaces, flags and variants
 * here; rules and distributions, rollouts, segments and constraints in small per-area classes this
 * one delegates to (gRPC binds one object per service, so every method is declared here).
 */
public class FliptGrpcService implements FliptGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.MANAGEMENT;
    private final Supplier<FlagServices> flags;
    private final FliptRuleRpcs rules;
    private final FliptRolloutRpcs rollouts;
    private final FliptSegmentRpcs segments;
    private final FliptLegacyEvaluationRpcs legacy;

    public FliptGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::flags), GrpcBridge.lazily(GrpcBridge.Parts::evaluation));
    }

    public FliptGrpcService(Supplier<FlagServices> flags, Supplier<dev.flagpost.flags.evaluation.EvaluationService> evaluation) {
        this.flags = flags;
        this.legacy = new FliptLegacyEvaluationRpcs(evaluation);
        this.rules = new FliptRuleRpcs(flags);
        this.rollouts = new FliptRolloutRpcs(flags);
        this.segments = new FliptSegmentRpcs(flags);
    }

    /**
     * Flipt's check of an identifier that HTTP takes from its path (so never empty there) and a
     * protobuf request may leave empty: INVALID_ARGUMENT rather than a lookup of "".
     */
    static String required(String field, String value) {
        if (value.isEmpty()) {
            throw dev.flagpost.api.FliptException.invalidArgument("invalid field " + field + ": must not be empty");
        }
        return value;
    }

    /** A namespace-scoped caller may only touch its own namespace (empty means default). */
    static String ns(String namespaceKey) {
        String ns = FlagState.namespaceOrDefault(namespaceKey);
        NamespaceScope.require(GrpcCaller.current().orElse(null), ns);
        return ns;
    }

    @Override
    public void evaluate(EvaluationRequest r, StreamObserver<EvaluationResponse> out) {
        legacy.evaluate(r, out);
    }

    @Override
    public void batchEvaluate(BatchEvaluationRequest r, StreamObserver<BatchEvaluationResponse> out) {
        legacy.batchEvaluate(r, out);
    }

    @Override
    public void getNamespace(GetNamespaceRequest r, StreamObserver<Namespace> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.namespace(flags.get().namespaces().get(ns(r.getKey()))));
    }

    @Override
    public void listNamespaces(ListNamespaceRequest r, StreamObserver<NamespaceList> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            NamespaceScope.requireUnscoped(GrpcCaller.current().orElse(null), "flipt.Flipt/ListNamespaces");
            FlagsJson.NamespaceList list = flags.get().namespaces().list(FlagState.limit(r.getLimit()),
                    FlagState.offset(r.getPageToken(), r.getOffset()));
            var b = NamespaceList.newBuilder().setNextPageToken(list.nextPageToken()).setTotalCount(list.totalCount());
            list.namespaces().forEach(n -> b.addNamespaces(ProtoMapping.namespace(n)));
            return b.build();
        });
    }

    @Override
    public void createNamespace(CreateNamespaceRequest r, StreamObserver<Namespace> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            NamespaceScope.requireUnscoped(GrpcCaller.current().orElse(null), "flipt.Flipt/CreateNamespace");
            return ProtoMapping.namespace(flags.get().namespaces().create(r.getKey(), r.getName(), r.getDescription()));
        });
    }

    @Override
    public void updateNamespace(UpdateNamespaceRequest r, StreamObserver<Namespace> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.namespace(flags.get().namespaces().update(ns(r.getKey()), r.getName(), r.getDescription())));
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            flags.get().namespaces().delete(ns(r.getKey()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getFlag(GetFlagRequest r, StreamObserver<Flag> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.flag(flags.get().flags().get(ns(r.getNamespaceKey()), r.getKey())));
    }

    @Override
    public void listFlags(ListFlagRequest r, StreamObserver<FlagList> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            FlagsJson.FlagList list = flags.get().flags().list(ns(r.getNamespaceKey()), FlagState.limit(r.getLimit()),
                    FlagState.offset(r.getPageToken(), r.getOffset()));
            var b = FlagList.newBuilder().setNextPageToken(list.nextPageToken()).setTotalCount(list.totalCount());
            list.flags().forEach(f -> b.addFlags(ProtoMapping.flag(f)));
            return b.build();
        });
    }

    @Override
    public void createFlag(CreateFlagRequest r, StreamObserver<Flag> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.flag(flags.get().flags().create(ns(r.getNamespaceKey()), new FlagService.FlagInput(
                r.getKey(), r.getName(), r.getDescription(), r.getEnabled(), r.getTypeValue(),
                r.hasMetadata() ? ProtoMapping.metadata(r.getMetadata()) : Map.of()))));
    }

    @Override
    public void updateFlag(UpdateFlagRequest r, StreamObserver<Flag> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            String ns = ns(r.getNamespaceKey());
            int type = "BOOLEAN_FLAG_TYPE".equals(flags.get().flags().get(ns, r.getKey()).type()) ? 1 : 0;
            return ProtoMapping.flag(flags.get().flags().update(ns, r.getKey(), new FlagService.FlagInput(r.getKey(), r.getName(),
                    r.getDescription(), r.getEnabled(), type, r.hasMetadata() ? ProtoMapping.metadata(r.getMetadata()) : Map.of(),
                    r.getDefaultVariantId())));
        });
    }

    @Override
    public void deleteFlag(DeleteFlagRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            flags.get().flags().delete(ns(r.getNamespaceKey()), r.getKey());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void createVariant(CreateVariantRequest r, StreamObserver<Variant> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.variant(flags.get().flags().createVariant(ns(r.getNamespaceKey()), r.getFlagKey(),
                new FlagService.VariantInput(r.getKey(), r.getName(), r.getDescription(), r.getAttachment()))));
    }

    @Override
    public void updateVariant(UpdateVariantRequest r, StreamObserver<Variant> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.variant(flags.get().flags().updateVariant(ns(r.getNamespaceKey()), r.getFlagKey(),
                r.getId(), new FlagService.VariantInput(r.getKey(), r.getName(), r.getDescription(), r.getAttachment()))));
    }

    @Override
    public void deleteVariant(DeleteVariantRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            flags.get().flags().deleteVariant(ns(r.getNamespaceKey()), r.getFlagKey(), r.getId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getRule(GetRuleRequest r, StreamObserver<Rule> out) {
        rules.getRule(r, out);
    }

    @Override
    public void listRules(ListRuleRequest r, StreamObserver<RuleList> out) {
        rules.listRules(r, out);
    }

    @Override
    public void createRule(CreateRuleRequest r, StreamObserver<Rule> out) {
        rules.createRule(r, out);
    }

    @Override
    public void updateRule(UpdateRuleRequest r, StreamObserver<Rule> out) {
        rules.updateRule(r, out);
    }

    @Override
    public void orderRules(OrderRulesRequest r, StreamObserver<Empty> out) {
        rules.orderRules(r, out);
    }

    @Override
    public void deleteRule(DeleteRuleRequest r, StreamObserver<Empty> out) {
        rules.deleteRule(r, out);
    }

    @Override
    public void createDistribution(CreateDistributionRequest r, StreamObserver<Distribution> out) {
        rules.createDistribution(r, out);
    }

    @Override
    public void updateDistribution(UpdateDistributionRequest r, StreamObserver<Distribution> out) {
        rules.updateDistribution(r, out);
    }

    @Override
    public void deleteDistribution(DeleteDistributionRequest r, StreamObserver<Empty> out) {
        rules.deleteDistribution(r, out);
    }

    @Override
    public void getRollout(GetRolloutRequest r, StreamObserver<Rollout> out) {
        rollouts.getRollout(r, out);
    }

    @Override
    public void listRollouts(ListRolloutRequest r, StreamObserver<RolloutList> out) {
        rollouts.listRollouts(r, out);
    }

    @Override
    public void createRollout(CreateRolloutRequest r, StreamObserver<Rollout> out) {
        rollouts.createRollout(r, out);
    }

    @Override
    public void updateRollout(UpdateRolloutRequest r, StreamObserver<Rollout> out) {
        rollouts.updateRollout(r, out);
    }

    @Override
    public void deleteRollout(DeleteRolloutRequest r, StreamObserver<Empty> out) {
        rollouts.deleteRollout(r, out);
    }

    @Override
    public void orderRollouts(OrderRolloutsRequest r, StreamObserver<Empty> out) {
        rollouts.orderRollouts(r, out);
    }

    @Override
    public void getSegment(GetSegmentRequest r, StreamObserver<Segment> out) {
        segments.getSegment(r, out);
    }

    @Override
    public void listSegments(ListSegmentRequest r, StreamObserver<SegmentList> out) {
        segments.listSegments(r, out);
    }

    @Override
    public void createSegment(CreateSegmentRequest r, StreamObserver<Segment> out) {
        segments.createSegment(r, out);
    }

    @Override
    public void updateSegment(UpdateSegmentRequest r, StreamObserver<Segment> out) {
        segments.updateSegment(r, out);
    }

    @Override
    public void deleteSegment(DeleteSegmentRequest r, StreamObserver<Empty> out) {
        segments.deleteSegment(r, out);
    }

    @Override
    public void createConstraint(CreateConstraintRequest r, StreamObserver<Constraint> out) {
        segments.createConstraint(r, out);
    }

    @Override
    public void updateConstraint(UpdateConstraintRequest r, StreamObserver<Constraint> out) {
        segments.updateConstraint(r, out);
    }

    @Override
    public void deleteConstraint(DeleteConstraintRequest r, StreamObserver<Empty> out) {
        segments.deleteConstraint(r, out);
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(FliptGrpc.bindService(this));
    }
}
