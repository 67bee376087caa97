package dev.flagpost.grpc;

import com.google.protobuf.Timestamp;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.flags.evaluation.NamespaceSnapshot;
import dev.flagpost.flags.evaluation.SnapshotDocument;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.grpc.evaluation.v1.DataServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.EvaluationConstraint;
import dev.flagpost.grpc.evaluation.v1.EvaluationConstraintComparisonType;
import dev.flagpost.grpc.evaluation.v1.EvaluationDistribution;
import dev.flagpost.grpc.evaluation.v1.EvaluationFlag;
import dev.flagpost.grpc.evaluation.v1.EvaluationVariant;
import dev.flagpost.grpc.evaluation.v1.EvaluationFlagType;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespace;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshot;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshotRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationRollout;
import dev.flagpost.grpc.evaluation.v1.EvaluationRolloutSegment;
import dev.flagpost.grpc.evaluation.v1.EvaluationRolloutThreshold;
import dev.flagpost.grpc.evaluation.v1.EvaluationRolloutType;
import dev.flagpost.grpc.evaluation.v1.EvaluationRule;
import dev.flagpost.grpc.evaluation.v1.EvaluationSegment;
import dev.flagpost.grpc.evaluation.v1.EvaluationSegmentMatchType;
import dev.flagpost.grpc.evaluation.v1.EvaluationSegmentOperator;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code flipt.evaluation.DataService}: the gRPC twin of
 * {@code GET /internal/v1/evaluation/snapshot/namespace/{key}}, with the same version negotiation
 * ({@code x-flipt-accept-server-version} metadata) and the same content as {@link SnapshotDocument}: both encode
 * {@link SnapshotDocument#flagsFor}, the one place that decides what a client of a given version is sent.
 */
public class DataGrpcService implements DataServiceGrpc.AsyncService, BindableService {
    private static final Section SECTION = Section.EVALUATION;
    private static final Metadata.Key<String> CLIENT_VERSION = Metadata.Key.of("x-flipt-accept-server-version", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> VERSION = Context.key("flipt-accept-server-version");

    private final Supplier<EvaluationStateCache> snapshots;

    public DataGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::snapshots));
    }

    public DataGrpcService(Supplier<EvaluationStateCache> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest request, StreamObserver<EvaluationNamespaceSnapshot> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            String ns = request.getKey();
            NamespaceScope.require(GrpcCaller.current().orElse(null), ns);
            return snapshot(ns, snapshots.get().get(ns), VERSION.get());
        });
    }

    /** {@link SnapshotDocument#flagsFor}, which decides what a client of this version gets, copied field for field. */
    static EvaluationNamespaceSnapshot snapshot(String ns, NamespaceSnapshot snapshot, String clientVersion) {
        var b = EvaluationNamespaceSnapshot.newBuilder().setNamespace(EvaluationNamespace.newBuilder().setKey(ns));
        SnapshotDocument.flagsFor(snapshot, clientVersion).forEach(f -> b.addFlags(flag(f)));
        return b.build();
    }

    private static EvaluationFlag flag(NamespaceSnapshot.Flag f) {
        var b = EvaluationFlag.newBuilder().setKey(f.key()).setName(f.name()).setDescription(f.description()).setEnabled(f.enabled())
                .setType(EvaluationFlagType.forNumber(f.type() == Kinds.BOOLEAN_FLAG ? 1 : 0));
        if (f.createdAt() != null) {
            b.setCreatedAt(timestamp(f.createdAt())).setUpdatedAt(timestamp(f.updatedAt()));
        }
        for (NamespaceSnapshot.Rollout r : f.rollouts()) {
            var rollout = EvaluationRollout.newBuilder().setType(EvaluationRolloutType.forNumber(r.type())).setRank(r.rank());
            if (r.type() == Kinds.THRESHOLD_ROLLOUT) {
                rollout.setThreshold(EvaluationRolloutThreshold.newBuilder().setPercentage((float) r.percentage()).setValue(r.value()));
            } else if (r.type() == Kinds.SEGMENT_ROLLOUT) {
                rollout.setSegment(EvaluationRolloutSegment.newBuilder().setValue(r.value())
                        .setSegmentOperator(EvaluationSegmentOperator.forNumber(r.segmentOperator()))
                        .addAllSegments(segments(r.segments())));
            }
            b.addRollouts(rollout);
        }
        for (NamespaceSnapshot.Rule r : f.rules()) {
            var rule = EvaluationRule.newBuilder().setRank(r.rank()).setSegmentOperator(EvaluationSegmentOperator.forNumber(r.segmentOperator()))
                    .addAllSegments(segments(r.segments()));
            r.distributions().forEach(d -> rule.addDistributions(EvaluationDistribution.newBuilder().setVariantId(d.variantId())
                    .setVariantKey(d.variantKey()).setVariantAttachment(d.variantAttachment()).setRollout((float) d.rollout())));
            b.addRules(rule);
        }
        if (f.defaultVariant() != null) {
            b.setDefaultVariant(EvaluationVariant.newBuilder().setId(f.defaultVariant().id()).setKey(f.defaultVariant().key())
                    .setAttachment(f.defaultVariant().attachment()));
        }
        return b.build();
    }

    private static List<EvaluationSegment> segments(List<NamespaceSnapshot.Segment> segments) {
        return segments.stream().map(s -> EvaluationSegment.newBuilder().setKey(s.key())
                .setMatchType(s.matchType() == Kinds.ANY_MATCH ? EvaluationSegmentMatchType.ANY_SEGMENT_MATCH_TYPE
                        : EvaluationSegmentMatchType.ALL_SEGMENT_MATCH_TYPE)
                .addAllConstraints(s.constraints().stream().map(c -> EvaluationConstraint.newBuilder().setId(c.id())
                        .setType(EvaluationConstraintComparisonType.forNumber(c.type())).setProperty(c.property())
                        .setOperator(c.operator()).setValue(c.value()).build()).toList())
                .build()).toList();
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    /** The client's version travels in metadata; the gate runs first, then this reads the header. */
    @Override
    public ServerServiceDefinition bindService() {
        ServerInterceptor version = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                                                                       io.grpc.ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(VERSION, headers.get(CLIENT_VERSION)), call, headers, next);
            }
        };
        return GrpcBridge.gated(ServerInterceptors.intercept(DataServiceGrpc.bindService(this), version));
    }
}
