package dev.flagpost.flags.evaluation;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.store.FlagState;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flipt's evaluation API (variant, boolean, batch) over the in-memory namespace snapshots. */
public final class EvaluationService {
    public static final int MAX_BATCH = 100;
    private final EvaluationStateCache cache;
    private final Clock clock;

    public EvaluationService(EvaluationStateCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    public record Request(String requestId, String namespaceKey, String flagKey, String entityId, Map<String, String> context) {
        public Request {
            namespaceKey = FlagState.namespaceOrDefault(namespaceKey);
            context = context == null ? Map.of() : context;
        }
    }

    @JsonbPropertyOrder({"match", "segmentKeys", "reason", "variantKey", "variantAttachment", "requestId", "requestDurationMillis",
            "timestamp", "flagKey"})
    public record VariantResponse(boolean match, List<String> segmentKeys, String reason, String variantKey, String variantAttachment,
                                  String requestId, double requestDurationMillis, Instant timestamp, String flagKey) {
    }

    @JsonbPropertyOrder({"enabled", "reason", "requestId", "requestDurationMillis", "timestamp", "flagKey", "segmentKeys"})
    public record BooleanResponse(boolean enabled, String reason, String requestId, double requestDurationMillis, Instant timestamp,
                                  String flagKey, List<String> segmentKeys) {
    }

    public record ErrorResponse(String flagKey, String namespaceKey, String reason) {
    }

    @JsonbPropertyOrder({"type", "booleanResponse", "variantResponse", "errorResponse"})
    public record BatchItem(String type, BooleanResponse booleanResponse, VariantResponse variantResponse, ErrorResponse errorResponse) {
    }

    public record BatchResponse(String requestId, List<BatchItem> responses, double requestDurationMillis) {
    }

    /** Flipt v1's legacy {@code flipt.EvaluationResponse} ({@code POST /api/v1/evaluate}, gRPC {@code flipt.Flipt/Evaluate}). */
    @JsonbPropertyOrder({"requestId", "entityId", "requestContext", "match", "flagKey", "segmentKey", "timestamp", "value",
            "requestDurationMillis", "attachment", "reason", "namespaceKey", "segmentKeys"})
    public record LegacyResponse(String requestId, String entityId, Map<String, String> requestContext, boolean match, String flagKey,
                                 String segmentKey, Instant timestamp, String value, double requestDurationMillis, String attachment,
                                 String reason, String namespaceKey, List<String> segmentKeys) {
    }

    @JsonbPropertyOrder({"requestId", "responses", "requestDurationMillis"})
    public record LegacyBatchResponse(String requestId, List<LegacyResponse> responses, double requestDurationMillis) {
    }

    /** Variant flags only (a boolean flag is 400, as in Flipt); the reasons are {@link Evaluator}'s. */
    public LegacyResponse legacy(Request r) {
        long start = System.nanoTime();
        LegacyResponse out = legacyOf(flag(r), r);
        return new LegacyResponse(requestId(r.requestId()), out.entityId(), out.requestContext(), out.match(), out.flagKey(), out.segmentKey(),
                clock.instant(), out.value(), millisSince(start), out.attachment(), out.reason(), out.namespaceKey(), out.segmentKeys());
    }

    /**
     * Flipt v1's BatchEvaluate: every request in the batch's namespace (an item naming another is
     * 400); a missing flag fails the batch unless {@code excludeNotFound}, which leaves it out. As
     * in Flipt, items carry no request id, timestamp or duration of their own.
     *
     * @param requests with their namespace already defaulted to the batch's where they named none
     */
    public LegacyBatchResponse legacyBatch(String requestId, String namespaceKey, boolean excludeNotFound, List<Request> requests) {
        long start = System.nanoTime();
        if (requests.size() > MAX_BATCH) {
            throw FliptException.invalidArgument("requests must hold at most " + MAX_BATCH + " evaluations");
        }
        String ns = FlagState.namespaceOrDefault(namespaceKey);
        List<LegacyResponse> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            if (!r.namespaceKey().equals(ns)) {
                throw FliptException.invalidArgument("invalid field namespace_key: must be the same for all requests if specified");
            }
            validate(r);
            NamespaceSnapshot.Flag flag = cache.get(ns).flags().get(r.flagKey());
            if (flag == null && excludeNotFound) {
                continue;
            }
            out.add(legacyOf(flag(r), r));
        }
        return new LegacyBatchResponse(requestId(requestId), out, millisSince(start));
    }

    private static LegacyResponse legacyOf(NamespaceSnapshot.Flag flag, Request r) {
        Evaluator.VariantResult v = Evaluator.variant(flag, r.entityId(), r.context());
        return new LegacyResponse("", r.entityId(), r.context(), v.match(), flag.key(), v.segmentKeys().isEmpty() ? "" : v.segmentKeys().get(0),
                null, v.variantKey(), 0, v.variantAttachment(), v.reason().name(), r.namespaceKey(), v.segmentKeys());
    }

    /** Whether evaluating in {@code namespaceKey} needs no database read (its snapshot is in memory). */
    public boolean ready(String namespaceKey) {
        return cache.isLoaded(FlagState.namespaceOrDefault(namespaceKey));
    }

    public VariantResponse variant(Request r) {
        long start = System.nanoTime();
        NamespaceSnapshot.Flag flag = flag(r);
        Evaluator.VariantResult v = Evaluator.variant(flag, r.entityId(), r.context());
        return new VariantResponse(v.match(), v.segmentKeys(), v.reason().name(), v.variantKey(), v.variantAttachment(),
                requestId(r.requestId()), millisSince(start), clock.instant(), flag.key());
    }

    public BooleanResponse bool(Request r) {
        long start = System.nanoTime();
        NamespaceSnapshot.Flag flag = flag(r);
        Evaluator.BooleanResult b = Evaluator.bool(flag, r.entityId(), r.context());
        return new BooleanResponse(b.enabled(), b.reason().name(), requestId(r.requestId()), millisSince(start), clock.instant(), flag.key(),
                b.segmentKeys());
    }

    /** Each request by its flag's type; a missing flag is an error entry, any other error fails the batch (as Flipt). */
    public BatchResponse batch(String requestId, List<Request> requests) {
        long start = System.nanoTime();
        if (requests.size() > MAX_BATCH) {
            throw FliptException.invalidArgument("requests must hold at most " + MAX_BATCH + " evaluations");
        }
        List<BatchItem> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            validate(r);
            NamespaceSnapshot.Flag flag = cache.get(r.namespaceKey()).flags().get(r.flagKey());
            if (flag == null) {
                out.add(new BatchItem("ERROR_EVALUATION_RESPONSE_TYPE", null, null,
                        new ErrorResponse(r.flagKey(), r.namespaceKey(), "NOT_FOUND_ERROR_EVALUATION_REASON")));
            } else if (flag.type() == dev.flagpost.flags.model.Kinds.BOOLEAN_FLAG) {
                out.add(new BatchItem("BOOLEAN_EVALUATION_RESPONSE_TYPE", bool(r), null, null));
            } else {
                out.add(new BatchItem("VARIANT_EVALUATION_RESPONSE_TYPE", null, variant(r), null));
            }
        }
        return new BatchResponse(requestId(requestId), out, millisSince(start));
    }

    private NamespaceSnapshot.Flag flag(Request r) {
        validate(r);
        NamespaceSnapshot.Flag flag = cache.get(r.namespaceKey()).flags().get(r.flagKey());
        if (flag == null) {
            throw FliptException.notFound("flag \"" + r.namespaceKey() + "/" + r.flagKey() + "\" not found");
        }
        return flag;
    }

    private static void validate(Request r) {
        FlagState.requireNonEmpty("flagKey", r.flagKey());
        FlagState.requireNonEmpty("entityId", r.entityId());
    }

    private static String requestId(String given) {
        return given == null || given.isEmpty() ? RequestIds.next() : given;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }
}
