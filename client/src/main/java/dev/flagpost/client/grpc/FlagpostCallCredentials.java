package dev.flagpost.client.grpc;

import dev.flagpost.client.auth.Credentials;
import dev.flagpost.client.auth.TokenSource;
import io.grpc.CallCredentials;
import dev.flagpost.client.auth.TransportPolicy;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Puts {@code <headerKey>: <scheme> <token>} on every call. Token acquisition (which may refresh)
 * runs on the call's executor, never on the transport thread.
 */
public final class FlagpostCallCredentials extends CallCredentials {
    private final TokenSource tokens;
    private final Metadata.Key<String> key;
    private final Consumer<String> onApplied;
    private final boolean allowInsecure;

    /** Refuses plaintext channels except to loopback addresses. */
    public FlagpostCallCredentials(TokenSource tokens) {
        this(tokens, false, token -> { });
    }

    /**
     * @param allowInsecure send the token over plaintext channels to any host (trusted networks only)
     * @param onApplied     told which access token this call carries (for compare-and-invalidate)
     */
    FlagpostCallCredentials(TokenSource tokens, boolean allowInsecure, Consumer<String> onApplied) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.key = Metadata.Key.of(tokens.headerKey(), Metadata.ASCII_STRING_MARSHALLER);
        this.allowInsecure = allowInsecure;
        this.onApplied = onApplied;
    }

    public static FlagpostCallCredentials allowingInsecureTransport(TokenSource tokens) {
        return new FlagpostCallCredentials(tokens, true, token -> { });
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor appExecutor, MetadataApplier applier) {
        if (!allowInsecure && info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY
                && !TransportPolicy.isLoopback(info.getAuthority())) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("refusing to send a token over a plaintext channel to "
                    + info.getAuthority() + "; use TLS (or allow insecure transport explicitly on a trusted network)"));
            return;
        }
        appExecutor.execute(() -> {
            Credentials c;
            try {
                c = tokens.credentials();
            } catch (RuntimeException e) {
                applier.fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()).withCause(e));
                return;
            }
            Metadata headers = new Metadata();
            headers.put(key, c.headerValue());
            onApplied.accept(c.accessToken());
            applier.apply(headers);
        });
    }
}
