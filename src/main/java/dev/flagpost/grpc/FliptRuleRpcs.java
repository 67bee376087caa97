package dev.flagpost.grpc;

import static dev.flagpost.grpc.FliptGrpcService.ns;
import static dev.flagpost.grpc.FliptGrpcService.required;

import com.google.protobuf.Empty;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.flags.store.RuleService;
import dev.flagpost.grpc.flipt.v1.CreateDistributionRequest;
import dev.flagpost.grpc.flipt.v1.CreateRuleRequest;
import dev.flagpost.grpc.flipt.v1.DeleteDistributionRequest;
import dev.flagpost.grpc.flipt.v1.DeleteRuleRequest;
import dev.flagpost.grpc.flipt.v1.Distribution;
import dev.flagpost.grpc.flipt.v1.GetRuleRequest;
import dev.flagpost.grpc.flipt.v1.ListRuleRequest;
import dev.flagpost.grpc.flipt.v1.OrderRulesRequest;
import dev.flagpost.grpc.flipt.v1.Rule;
import dev.flagpost.grpc.flipt.v1.RuleList;
import dev.flagpost.grpc.flipt.v1.UpdateDistributionRequest;
import dev.flagpost.grpc.flipt.v1.UpdateRuleRequest;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Rules and distributions of {@code flipt.Flipt}: the calls {@code RulesResource} makes, from protobuf requests. */
final class FliptRuleRpcs {
    private static final Section SECTION = Section.MANAGEMENT;
    private final Supplier<FlagServices> flags;

    FliptRuleRpcs(Supplier<FlagServices> flags) {
        this.flags = flags;
    }

    private RuleService rules() {
        return flags.get().rules();
    }

    void getRule(GetRuleRequest r, StreamObserver<Rule> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rule(rules().get(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), required("id", r.getId()))));
    }

    void listRules(ListRuleRequest r, StreamObserver<RuleList> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            FlagsJson.RuleList list = rules().list(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()),
                    FlagState.limit(r.getLimit()), FlagState.offset(r.getPageToken(), r.getOffset()));
            var b = RuleList.newBuilder().setNextPageToken(list.nextPageToken()).setTotalCount(list.totalCount());
            list.rules().forEach(x -> b.addRules(ProtoMapping.rule(x)));
            return b.build();
        });
    }

    void createRule(CreateRuleRequest r, StreamObserver<Rule> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rule(rules().create(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()),
                new RuleService.RuleInput(r.getSegmentKey(), r.getSegmentKeysList(),
                        ProtoMapping.enumValue(Kinds.SEGMENT_OPERATOR, r.getSegmentOperatorValue()), r.getRank()))));
    }

    /** An update carries no rank (Flipt's UpdateRuleRequest has none); the service keeps the rule's. */
    void updateRule(UpdateRuleRequest r, StreamObserver<Rule> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rule(rules().update(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()),
                required("id", r.getId()), new RuleService.RuleInput(r.getSegmentKey(), r.getSegmentKeysList(),
                        ProtoMapping.enumValue(Kinds.SEGMENT_OPERATOR, r.getSegmentOperatorValue()), 0))));
    }

    void orderRules(OrderRulesRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            rules().order(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()), r.getRuleIdsList());
            return Empty.getDefaultInstance();
        });
    }

    void deleteRule(DeleteRuleRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            rules().delete(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()), required("id", r.getId()));
            return Empty.getDefaultInstance();
        });
    }

    void createDistribution(CreateDistributionRequest r, StreamObserver<Distribution> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.distribution(rules().createDistribution(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), required("ruleId", r.getRuleId()), r.getVariantId(),
                ProtoMapping.percentage(r.getRollout()))));
    }

    void updateDistribution(UpdateDistributionRequest r, StreamObserver<Distribution> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.distribution(rules().updateDistribution(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), required("ruleId", r.getRuleId()), required("id", r.getId()), r.getVariantId(),
                ProtoMapping.percentage(r.getRollout()))));
    }

    /** {@code variant_id} is not needed to find the distribution (HTTP's route has none either). */
    void deleteDistribution(DeleteDistributionRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            rules().deleteDistribution(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()), required("ruleId", r.getRuleId()),
                    required("id", r.getId()));
            return Empty.getDefaultInstance();
        });
    }
}
