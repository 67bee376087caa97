package dev.flagpost.client.grpc;

import dev.flagpost.client.auth.TokenSource;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Attaches {@link FlagpostCallCredentials} to every call and, for unary calls, renews the token and
 * retries once when the server answers UNAUTHENTICATED. PERMISSION_DENIED is never retried: a
 * new token would not change the caller's rights. Streaming calls get credentials but no retry
 * (their messages cannot be replayed safely).
 */
public final class AuthRetryInterceptor implements ClientInterceptor {
    private final TokenSource tokens;
    private final Executor renewExecutor;
    private final boolean allowInsecure;

    /** Refuses plaintext channels except to loopback addresses. */
    public AuthRetryInterceptor(TokenSource tokens) {
        this(tokens, Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flagpost-token-renew");
            t.setDaemon(true);
            return t;
        }), false);
    }

    /**
     * @param renewExecutor where renewal runs; it may block (an interactive login), so not a transport thread
     * @param allowInsecure send tokens over plaintext channels to any host (trusted networks only)
     */
    public AuthRetryInterceptor(TokenSource tokens, Executor renewExecutor, boolean allowInsecure) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.renewExecutor = Objects.requireNonNull(renewExecutor, "renewExecutor");
        this.allowInsecure = allowInsecure;
    }

    FlagpostCallCredentials credentials(java.util.function.Consumer<String> onApplied) {
        return new FlagpostCallCredentials(tokens, allowInsecure, onApplied);
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
                                                               CallOptions options, Channel next) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            return next.newCall(method, options.withCallCredentials(credentials(token -> { })));
        }
        return new RetryingUnaryCall<>(method, options, next, tokens, renewExecutor, this::credentials);
    }
}
