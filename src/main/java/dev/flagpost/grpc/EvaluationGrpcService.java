package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.grpc.evaluation.v1.BatchEvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.BatchEvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.BooleanEvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.ErrorEvaluationReason;
import dev.flagpost.grpc.evaluation.v1.ErrorEvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.EvaluationReason;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.EvaluationResponseType;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.VariantEvaluationResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;

/** {@code flipt.evaluation.EvaluationService}: the same evaluation as {@code /evaluate/v1}, in protobuf. */
public class EvaluationGrpcService implements EvaluationServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.EVALUATION;
    private final Supplier<EvaluationService> evaluation;

    public EvaluationGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::evaluation));
    }

    public EvaluationGrpcService(Supplier<EvaluationService> evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public void boolean_(EvaluationRequest request, StreamObserver<BooleanEvaluationResponse> out) {
        CallExecutors.runOrOffload(loading(request), () -> GrpcCalls.unary(SECTION, out, () -> bool(evaluation.get().bool(scoped(request)))));
    }

    @Override
    public void variant(EvaluationRequest request, StreamObserver<VariantEvaluationResponse> out) {
        CallExecutors.runOrOffload(loading(request), () -> GrpcCalls.unary(SECTION, out, () -> variant(evaluation.get().variant(scoped(request)))));
    }

    /** Whether a namespace the request names would have to be read from the database first. */
    private boolean loading(EvaluationRequest request) {
        return CallExecutors.offloadTarget().isPresent() && !evaluation.get().ready(request.getNamespaceKey());
    }

    @Override
    public void batch(BatchEvaluationRequest request, StreamObserver<BatchEvaluationResponse> out) {
        boolean loading = request.getRequestsList().stream().anyMatch(this::loading);
        CallExecutors.runOrOffload(loading, () -> batchHere(request, out));
    }

    private void batchHere(BatchEvaluationRequest request, StreamObserver<BatchEvaluationResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            List<EvaluationService.Request> requests = request.getRequestsList().stream().map(EvaluationGrpcService::scoped).toList();
            NamespaceScope.requireBatch(GrpcCaller.current().orElse(null), requests.stream().map(EvaluationService.Request::namespaceKey).toList());
            EvaluationService.BatchResponse batch = evaluation.get().batch(request.getRequestId(), requests);
            var b = BatchEvaluationResponse.newBuilder().setRequestId(batch.requestId())
                    .setRequestDurationMillis(batch.requestDurationMillis());
            for (EvaluationService.BatchItem item : batch.responses()) {
                var r = EvaluationResponse.newBuilder();
                if (item.booleanResponse() != null) {
                    r.setType(EvaluationResponseType.BOOLEAN_EVALUATION_RESPONSE_TYPE).setBooleanResponse(bool(item.booleanResponse()));
                } else if (item.variantResponse() != null) {
                    r.setType(EvaluationResponseType.VARIANT_EVALUATION_RESPONSE_TYPE).setVariantResponse(variant(item.variantResponse()));
                } else {
                    r.setType(EvaluationResponseType.ERROR_EVALUATION_RESPONSE_TYPE).setErrorResponse(ErrorEvaluationResponse.newBuilder()
                            .setFlagKey(item.errorResponse().flagKey()).setNamespaceKey(item.errorResponse().namespaceKey())
                            .setReason(ErrorEvaluationReason.NOT_FOUND_ERROR_EVALUATION_REASON));
                }
                b.addResponses(r);
            }
            return b.build();
        });
    }

    private static EvaluationService.Request scoped(EvaluationRequest r) {
        EvaluationService.Request request = new EvaluationService.Request(r.getRequestId(), r.getNamespaceKey(), r.getFlagKey(),
                r.getEntityId(), r.getContextMap());
        NamespaceScope.require(GrpcCaller.current().orElse(null), request.namespaceKey());
        return request;
    }

    private static BooleanEvaluationResponse bool(EvaluationService.BooleanResponse r) {
        return BooleanEvaluationResponse.newBuilder().setEnabled(r.enabled()).setReason(EvaluationReason.valueOf(r.reason()))
                .setRequestId(r.requestId()).setRequestDurationMillis(r.requestDurationMillis())
                .setTimestamp(ProtoMapping.timestamp(r.timestamp())).setFlagKey(r.flagKey()).addAllSegmentKeys(r.segmentKeys()).build();
    }

    private static VariantEvaluationResponse variant(EvaluationService.VariantResponse r) {
        return VariantEvaluationResponse.newBuilder().setMatch(r.match()).addAllSegmentKeys(r.segmentKeys())
                .setReason(EvaluationReason.valueOf(r.reason())).setVariantKey(r.variantKey()).setVariantAttachment(r.variantAttachment())
                .setRequestId(r.requestId()).setRequestDurationMillis(r.requestDurationMillis())
                .setTimestamp(ProtoMapping.timestamp(r.timestamp())).setFlagKey(r.flagKey()).build();
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(EvaluationServiceGrpc.bindService(this));
    }
}
