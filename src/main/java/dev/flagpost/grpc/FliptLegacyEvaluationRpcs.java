package dev.flagpost.grpc;

import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.grpc.flipt.v1.BatchEvaluationRequest;
import dev.flagpost.grpc.flipt.v1.BatchEvaluationResponse;
import dev.flagpost.grpc.flipt.v1.EvaluationReason;
import dev.flagpost.grpc.flipt.v1.EvaluationRequest;
import dev.flagpost.grpc.flipt.v1.EvaluationResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;

/** {@code flipt.Flipt/Evaluate} and {@code BatchEvaluate}: the calls {@code LegacyEvaluationResource} makes, from protobuf requests. */
final class FliptLegacyEvaluationRpcs {
    private static final Section SECTION = Section.MANAGEMENT;
    private final Supplier<EvaluationService> evaluation;

    FliptLegacyEvaluationRpcs(Supplier<EvaluationService> evaluation) {
        this.evaluation = evaluation;
    }

    void evaluate(EvaluationRequest r, StreamObserver<EvaluationResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> response(evaluation.get().legacy(request(r, r.getNamespaceKey()))));
    }

    void batchEvaluate(BatchEvaluationRequest r, StreamObserver<BatchEvaluationResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            String ns = FlagState.namespaceOrDefault(r.getNamespaceKey());
            NamespaceScope.require(GrpcCaller.current().orElse(null), ns);
            // An item without a namespace is in the batch's (Flipt); one naming another is refused by the service.
            List<EvaluationService.Request> requests = r.getRequestsList().stream()
                    .map(i -> new EvaluationService.Request(i.getRequestId(), i.getNamespaceKey().isEmpty() ? ns : i.getNamespaceKey(),
                            i.getFlagKey(), i.getEntityId(), i.getContextMap()))
                    .toList();
            EvaluationService.LegacyBatchResponse batch = evaluation.get().legacyBatch(r.getRequestId(), ns, r.getExcludeNotFound(), requests);
            var b = BatchEvaluationResponse.newBuilder().setRequestId(batch.requestId()).setRequestDurationMillis(batch.requestDurationMillis());
            batch.responses().forEach(item -> b.addResponses(response(item)));
            return b.build();
        });
    }

    private static EvaluationService.Request request(EvaluationRequest r, String namespaceKey) {
        EvaluationService.Request request = new EvaluationService.Request(r.getRequestId(), namespaceKey, r.getFlagKey(), r.getEntityId(),
                r.getContextMap());
        NamespaceScope.require(GrpcCaller.current().orElse(null), request.namespaceKey());
        return request;
    }

    @SuppressWarnings("deprecation") // segment_key: Flipt still fills it, so clients may still read it
    private static EvaluationResponse response(EvaluationService.LegacyResponse r) {
        var b = EvaluationResponse.newBuilder().setRequestId(r.requestId()).setEntityId(r.entityId()).putAllRequestContext(r.requestContext())
                .setMatch(r.match()).setFlagKey(r.flagKey()).setSegmentKey(r.segmentKey()).setValue(r.value())
                .setRequestDurationMillis(r.requestDurationMillis()).setAttachment(r.attachment())
                .setReason(EvaluationReason.valueOf(r.reason())).setNamespaceKey(r.namespaceKey()).addAllSegmentKeys(r.segmentKeys());
        if (r.timestamp() != null) {
            b.setTimestamp(ProtoMapping.timestamp(r.timestamp()));
        }
        return b.build();
    }
}
