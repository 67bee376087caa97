package dev.flagpost.grpc;

import static dev.flagpost.grpc.FliptGrpcService.ns;
import static dev.flagpost.grpc.FliptGrpcService.required;

import com.google.protobuf.Empty;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.flags.store.RolloutService;
import dev.flagpost.grpc.flipt.v1.CreateRolloutRequest;
import dev.flagpost.grpc.flipt.v1.DeleteRolloutRequest;
import dev.flagpost.grpc.flipt.v1.GetRolloutRequest;
import dev.flagpost.grpc.flipt.v1.ListRolloutRequest;
import dev.flagpost.grpc.flipt.v1.OrderRolloutsRequest;
import dev.flagpost.grpc.flipt.v1.Rollout;
import dev.flagpost.grpc.flipt.v1.RolloutList;
import dev.flagpost.grpc.flipt.v1.RolloutSegment;
import dev.flagpost.grpc.flipt.v1.RolloutThreshold;
import dev.flagpost.grpc.flipt.v1.UpdateRolloutRequest;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Rollouts of {@code flipt.Flipt}: the calls {@code RolloutsResource} makes, from protobuf requests. */
final class FliptRolloutRpcs {
    private static final Section SECTION = Section.MANAGEMENT;
    private final Supplier<FlagServices> flags;

    FliptRolloutRpcs(Supplier<FlagServices> flags) {
        this.flags = flags;
    }

    private RolloutService rollouts() {
        return flags.get().rollouts();
    }

    void getRollout(GetRolloutRequest r, StreamObserver<Rollout> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rollout(rollouts().get(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), required("id", r.getId()))));
    }

    /** Flipt's ListRolloutRequest has no deprecated offset; paging is by page token only. */
    void listRollouts(ListRolloutRequest r, StreamObserver<RolloutList> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            FlagsJson.RolloutList list = rollouts().list(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()),
                    FlagState.limit(r.getLimit()), FlagState.offset(r.getPageToken(), 0));
            var b = RolloutList.newBuilder().setNextPageToken(list.nextPageToken()).setTotalCount(list.totalCount());
            list.rules().forEach(x -> b.addRules(ProtoMapping.rollout(x)));
            return b.build();
        });
    }

    void createRollout(CreateRolloutRequest r, StreamObserver<Rollout> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rollout(rollouts().create(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), new RolloutService.RolloutInput(r.getRank(), r.getDescription(),
                        r.hasSegment() ? segment(r.getSegment()) : null, r.hasThreshold() ? threshold(r.getThreshold()) : null))));
    }

    /** An update carries no rank (Flipt's UpdateRolloutRequest has none); the service keeps the rollout's. */
    void updateRollout(UpdateRolloutRequest r, StreamObserver<Rollout> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.rollout(rollouts().update(ns(r.getNamespaceKey()),
                required("flagKey", r.getFlagKey()), required("id", r.getId()), new RolloutService.RolloutInput(0, r.getDescription(),
                        r.hasSegment() ? segment(r.getSegment()) : null, r.hasThreshold() ? threshold(r.getThreshold()) : null))));
    }

    void deleteRollout(DeleteRolloutRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            rollouts().delete(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()), required("id", r.getId()));
            return Empty.getDefaultInstance();
        });
    }

    void orderRollouts(OrderRolloutsRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            rollouts().order(ns(r.getNamespaceKey()), required("flagKey", r.getFlagKey()), r.getRolloutIdsList());
            return Empty.getDefaultInstance();
        });
    }

    private static RolloutService.SegmentPart segment(RolloutSegment s) {
        return new RolloutService.SegmentPart(s.getSegmentKey(), s.getSegmentKeysList(), s.getValue(),
                ProtoMapping.enumValue(Kinds.SEGMENT_OPERATOR, s.getSegmentOperatorValue()));
    }

    private static RolloutService.ThresholdPart threshold(RolloutThreshold t) {
        return new RolloutService.ThresholdPart(ProtoMapping.percentage(t.getPercentage()), t.getValue());
    }
}
