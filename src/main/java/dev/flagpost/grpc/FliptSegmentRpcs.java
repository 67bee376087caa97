package dev.flagpost.grpc;

import static dev.flagpost.grpc.FliptGrpcService.ns;
import static dev.flagpost.grpc.FliptGrpcService.required;

import com.google.protobuf.Empty;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.store.FlagServices;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.flags.store.SegmentService;
import dev.flagpost.grpc.flipt.v1.Constraint;
import dev.flagpost.grpc.flipt.v1.CreateConstraintRequest;
import dev.flagpost.grpc.flipt.v1.CreateSegmentRequest;
import dev.flagpost.grpc.flipt.v1.DeleteConstraintRequest;
import dev.flagpost.grpc.flipt.v1.DeleteSegmentRequest;
import dev.flagpost.grpc.flipt.v1.GetSegmentRequest;
import dev.flagpost.grpc.flipt.v1.ListSegmentRequest;
import dev.flagpost.grpc.flipt.v1.Segment;
import dev.flagpost.grpc.flipt.v1.SegmentList;
import dev.flagpost.grpc.flipt.v1.UpdateConstraintRequest;
import dev.flagpost.grpc.flipt.v1.UpdateSegmentRequest;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Segments and constraints of {@code flipt.Flipt}: the calls {@code SegmentsResource} makes, from protobuf requests. */
final class FliptSegmentRpcs {
    private static final Section SECTION = Section.MANAGEMENT;
    private final Supplier<FlagServices> flags;

    FliptSegmentRpcs(Supplier<FlagServices> flags) {
        this.flags = flags;
    }

    private SegmentService segments() {
        return flags.get().segments();
    }

    void getSegment(GetSegmentRequest r, StreamObserver<Segment> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.segment(segments().get(ns(r.getNamespaceKey()), required("key", r.getKey()))));
    }

    void listSegments(ListSegmentRequest r, StreamObserver<SegmentList> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            FlagsJson.SegmentList list = segments().list(ns(r.getNamespaceKey()), FlagState.limit(r.getLimit()),
                    FlagState.offset(r.getPageToken(), r.getOffset()));
            var b = SegmentList.newBuilder().setNextPageToken(list.nextPageToken()).setTotalCount(list.totalCount());
            list.segments().forEach(s -> b.addSegments(ProtoMapping.segment(s)));
            return b.build();
        });
    }

    void createSegment(CreateSegmentRequest r, StreamObserver<Segment> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.segment(segments().create(ns(r.getNamespaceKey()), new SegmentService.SegmentInput(
                r.getKey(), r.getName(), r.getDescription(), ProtoMapping.enumValue(Kinds.MATCH_TYPE, r.getMatchTypeValue())))));
    }

    void updateSegment(UpdateSegmentRequest r, StreamObserver<Segment> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.segment(segments().update(ns(r.getNamespaceKey()), required("key", r.getKey()),
                new SegmentService.SegmentInput(r.getKey(), r.getName(), r.getDescription(),
                        ProtoMapping.enumValue(Kinds.MATCH_TYPE, r.getMatchTypeValue())))));
    }

    void deleteSegment(DeleteSegmentRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            segments().delete(ns(r.getNamespaceKey()), required("key", r.getKey()));
            return Empty.getDefaultInstance();
        });
    }

    void createConstraint(CreateConstraintRequest r, StreamObserver<Constraint> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.constraint(segments().createConstraint(ns(r.getNamespaceKey()),
                required("segmentKey", r.getSegmentKey()), new SegmentService.ConstraintInput(
                        ProtoMapping.enumValue(Kinds.COMPARISON_TYPE, r.getTypeValue()), r.getProperty(), r.getOperator(), r.getValue(),
                        r.getDescription()))));
    }

    void updateConstraint(UpdateConstraintRequest r, StreamObserver<Constraint> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.constraint(segments().updateConstraint(ns(r.getNamespaceKey()),
                required("segmentKey", r.getSegmentKey()), required("id", r.getId()), new SegmentService.ConstraintInput(
                        ProtoMapping.enumValue(Kinds.COMPARISON_TYPE, r.getTypeValue()), r.getProperty(), r.getOperator(), r.getValue(),
                        r.getDescription()))));
    }

    void deleteConstraint(DeleteConstraintRequest r, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            segments().deleteConstraint(ns(r.getNamespaceKey()), required("segmentKey", r.getSegmentKey()), required("id", r.getId()));
            return Empty.getDefaultInstance();
        });
    }
}
