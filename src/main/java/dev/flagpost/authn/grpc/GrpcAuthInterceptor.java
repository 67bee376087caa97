package dev.flagpost.authn.grpc;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.CredentialExtractor;
import dev.flagpost.authn.CredentialExtractor.Extraction;
import dev.flagpost.authn.CredentialResolver;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.Resolution;
import dev.flagpost.authn.web.RoutePolicy.Access;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Authenticates every gRPC call with the same extractor and resolver as the HTTP mechanism:
 * {@code authorization: Bearer <token>} or {@code JWT <jwt>} metadata. UNAUTHENTICATED,
 * PERMISSION_DENIED and UNAVAILABLE exactly where HTTP answers 401, 403 and 503.
 *
 * <p>Liberty creates this from server.xml ({@code <grpc serverInterceptors=.../>}) with the no-arg
 * constructor, outside CDI, so its collaborators are looked up on first use.
 */
public class GrpcAuthInterceptor implements ServerInterceptor {
    private static final String AUTHORIZATION = "authorization";
    private static final Logger LOG = Logger.getLogger(GrpcAuthInterceptor.class.getName());
    private static final Status UNAVAILABLE = Status.UNAVAILABLE
            .withDescription("the credential could not be checked: the authentication store is unavailable; try again shortly");

    private final Supplier<GrpcRoutePolicy> policy;
    private final Supplier<CredentialResolver> resolver;

    public GrpcAuthInterceptor() {
        this(Lookup.lazily(r -> new GrpcRoutePolicy(r.config().authentication())), Lookup.lazily(r -> r.resolver()));
    }

    public GrpcAuthInterceptor(Supplier<GrpcRoutePolicy> policy, Supplier<CredentialResolver> resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (policy.get().classify(method) != Access.REQUIRED) {
            return next.startCall(call, headers);
        }
        Extraction extraction = CredentialExtractor.extract(authorization(headers), null);
        if (!(extraction instanceof Extraction.Found found)) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(FliptException.UNAUTHENTICATED_MESSAGE));
        }
        Resolution resolution = resolver.get().resolve(found.credential());
        if (resolution instanceof Resolution.Unavailable) {
            return refuse(call, UNAVAILABLE);
        }
        if (!(resolution instanceof Resolution.Authenticated ok)) {
            LOG.fine(() -> "rejected gRPC call to " + method + ": " + ((Resolution.Unauthenticated) resolution).reason());
            return refuse(call, Status.UNAUTHENTICATED.withDescription(FliptException.UNAUTHENTICATED_MESSAGE));
        }
        if (!GrpcRoutePolicy.allowsScoped(ok.authentication(), method)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    NamespaceScope.denied(ok.authentication().namespace(), method).getMessage()));
        }
        Context context = Context.current().withValue(GrpcCaller.KEY, ok.authentication());
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /**
     * Every distinct {@code authorization} value, whatever the case of its name. Liberty hands
     * standard headers to gRPC with capitalised raw names ({@code Authorization}), which no
     * {@code Metadata.Key} (always lower case) can match, so the serialized pairs are read instead.
     */
    static List<String> authorization(Metadata headers) {
        java.util.Set<String> values = new java.util.LinkedHashSet<>(2);
        byte[][] pairs = InternalMetadata.serialize(headers);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (AUTHORIZATION.equalsIgnoreCase(new String(pairs[i], StandardCharsets.US_ASCII))) {
                values.add(new String(pairs[i + 1], StandardCharsets.US_ASCII));
            }
        }
        return new ArrayList<>(values);
    }
}
