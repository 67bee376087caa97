package dev.flagpost.client.cli;

import dev.flagpost.client.auth.TokenSource;
import dev.flagpost.client.grpc.AuthRetryInterceptor;
import dev.flagpost.grpc.evaluation.v1.BooleanEvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.VariantEvaluationResponse;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code evaluate --grpc}: one call to {@code flipt.evaluation.EvaluationService} through the
 * library's {@link AuthRetryInterceptor} (renew and retry once on UNAUTHENTICATED), printed as the
 * same JSON the HTTP route returns so scripts do not care which transport ran.
 */
final class GrpcEvaluation {
    private GrpcEvaluation() {
    }

    /** Flagpost serves gRPC on its HTTP port too, so the server URL's host:port is the default target. */
    static String defaultTarget(URI server) {
        int port = server.getPort() != -1 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }

    static JSONObject evaluate(String target, boolean tls, TokenSource tokens, boolean allowInsecure,
                               EvaluateCommand.Type type, String namespace, String flag, String entity, Map<String, String> context) {
        ManagedChannel channel = Grpc.newChannelBuilder(target,
                tls ? TlsChannelCredentials.create() : InsecureChannelCredentials.create()).build();
        ExecutorService renew = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flagpost-token-renew");
            t.setDaemon(true);
            return t;
        });
        try {
            var stub = EvaluationServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
                    new AuthRetryInterceptor(tokens, renew, allowInsecure))).withDeadlineAfter(30, TimeUnit.SECONDS);
            EvaluationRequest request = EvaluationRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(flag)
                    .setEntityId(entity).putAllContext(context).build();
            return type == EvaluateCommand.Type.BOOLEAN ? json(stub.boolean_(request)) : json(stub.variant(request));
        } catch (StatusRuntimeException e) {
            throw asApiException(e, target);
        } finally {
            channel.shutdownNow();
            renew.shutdownNow();
        }
    }

    /** gRPC status to the HTTP status the same error has on the REST route, so exit codes and hints match. */
    static ApiException asApiException(StatusRuntimeException e, String target) {
        int http = switch (e.getStatus().getCode()) {
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case INVALID_ARGUMENT -> 400;
            case UNAVAILABLE -> 503;
            default -> 500;
        };
        String message = e.getStatus().getDescription() != null ? e.getStatus().getDescription() : e.getStatus().getCode().name();
        if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE && e.getCause() != null) {
            message += " (" + e.getCause().getMessage() + "; check --grpc-target " + target + ")";
        }
        return new ApiException(http, message + " (gRPC " + e.getStatus().getCode() + ")" + ApiClient.hint(http));
    }

    static JSONObject json(BooleanEvaluationResponse r) {
        JSONObject o = new JSONObject();
        o.put("enabled", r.getEnabled());
        o.put("reason", r.getReason().name());
        o.put("requestId", r.getRequestId());
        o.put("flagKey", r.getFlagKey());
        return o;
    }

    static JSONObject json(VariantEvaluationResponse r) {
        JSONObject o = new JSONObject();
        o.put("match", r.getMatch());
        JSONArray segments = new JSONArray();
        segments.addAll(r.getSegmentKeysList());
        o.put("segmentKeys", segments);
        o.put("reason", r.getReason().name());
        o.put("variantKey", r.getVariantKey());
        o.put("variantAttachment", r.getVariantAttachment());
        o.put("requestId", r.getRequestId());
        o.put("flagKey", r.getFlagKey());
        return o;
    }
}
