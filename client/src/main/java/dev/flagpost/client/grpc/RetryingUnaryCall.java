package dev.flagpost.client.grpc;

import dev.flagpost.client.auth.TokenSource;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A unary call that records what the application sent so it can be replayed once on a second
 * attempt after an UNAUTHENTICATED answer. The first attempt's headers and message are held back
 * until its outcome is known, so the application sees exactly one response.
 */
final class RetryingUnaryCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
    private final MethodDescriptor<ReqT, RespT> method;
    private final CallOptions options;
    private final Channel next;
    private final TokenSource tokens;
    private final Executor renewExecutor;
    private final java.util.function.Function<java.util.function.Consumer<String>, FlagpostCallCredentials> credentials;

    private Listener<RespT> listener;
    private Metadata headersCopy;
    private ReqT message;
    private int requested;
    private boolean halfClosed;
    private boolean cancelled;
    private ClientCall<ReqT, RespT> active;

    RetryingUnaryCall(MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next,
                      TokenSource tokens, Executor renewExecutor,
                      java.util.function.Function<java.util.function.Consumer<String>, FlagpostCallCredentials> credentials) {
        this.method = method;
        this.options = options;
        this.next = next;
        this.tokens = tokens;
        this.renewExecutor = renewExecutor;
        this.credentials = credentials;
    }

    @Override
    public synchronized void start(Listener<RespT> responseListener, Metadata headers) {
        this.listener = responseListener;
        this.headersCopy = new Metadata();
        headersCopy.merge(headers);
        AtomicReference<String> sentToken = new AtomicReference<>();
        active = next.newCall(method, options.withCallCredentials(credentials.apply(sentToken::set)));
        active.start(new FirstAttemptListener(sentToken), headers);
    }

    @Override
    public synchronized void request(int numMessages) {
        requested += numMessages;
        active.request(numMessages);
    }

    @Override
    public synchronized void sendMessage(ReqT m) {
        message = m;
        active.sendMessage(m);
    }

    @Override
    public synchronized void halfClose() {
        halfClosed = true;
        active.halfClose();
    }

    @Override
    public synchronized void cancel(String msg, Throwable cause) {
        cancelled = true;
        active.cancel(msg, cause);
    }

    @Override
    public synchronized boolean isReady() {
        return active.isReady();
    }

    @Override
    public synchronized void setMessageCompression(boolean enabled) {
        active.setMessageCompression(enabled);
    }

    @Override
    public synchronized Attributes getAttributes() {
        return active.getAttributes();
    }

    private void retry(String rejectedToken, Status original, Metadata originalTrailers) {
        try {
            tokens.onRejected(rejectedToken);
        } catch (RuntimeException e) {
            // Renewal failed: report the server's answer, with why we could not recover.
            closeFromRenewal(original.augmentDescription("token renewal failed: " + e.getMessage()), originalTrailers);
            return;
        }
        synchronized (this) {
            if (cancelled) {
                closeFromRenewal(Status.CANCELLED.withDescription("cancelled during token renewal"), new Metadata());
                return;
            }
            active = next.newCall(method, options.withCallCredentials(credentials.apply(token -> { })));
            active.start(listener, headersCopy);
            if (requested > 0) {
                active.request(requested);
            }
            if (message != null) {
                active.sendMessage(message);
            }
            if (halfClosed) {
                active.halfClose();
            }
        }
    }

    /**
     * Listener callbacks must run on the call's executor: a blocking stub parks its thread on a
     * ThreadlessExecutor and only wakes for tasks submitted to it.
     */
    private void closeFromRenewal(Status status, Metadata trailers) {
        Executor callExecutor = options.getExecutor();
        if (callExecutor != null) {
            callExecutor.execute(() -> listener.onClose(status, trailers));
        } else {
            listener.onClose(status, trailers);
        }
    }

    /** Buffers the first attempt's output until it closes, then forwards it or retries. */
    private final class FirstAttemptListener extends Listener<RespT> {
        private final AtomicReference<String> sentToken;
        private Metadata headers;
        private final List<RespT> messages = new ArrayList<>(1);

        FirstAttemptListener(AtomicReference<String> sentToken) {
            this.sentToken = sentToken;
        }

        @Override
        public void onHeaders(Metadata h) {
            headers = h;
        }

        @Override
        public void onMessage(RespT m) {
            messages.add(m);
        }

        @Override
        public void onReady() {
            listener.onReady();
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            String token = sentToken.get();
            boolean retry;
            synchronized (RetryingUnaryCall.this) {
                retry = status.getCode() == Status.Code.UNAUTHENTICATED && token != null && !cancelled;
            }
            if (retry) {
                renewExecutor.execute(() -> retry(token, status, trailers));
                return;
            }
            if (headers != null) {
                listener.onHeaders(headers);
            }
            messages.forEach(listener::onMessage);
            listener.onClose(status, trailers);
        }
    }
}
