package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import com.google.protobuf.Empty;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.AuthenticationService;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.authn.store.AuthenticationStore;
import dev.flagpost.grpc.auth.v1.AuthenticationServiceGrpc;
import dev.flagpost.grpc.auth.v1.DeleteAuthenticationRequest;
import dev.flagpost.grpc.auth.v1.ExpireAuthenticationSelfRequest;
import dev.flagpost.grpc.auth.v1.GetAuthenticationRequest;
import dev.flagpost.grpc.auth.v1.ListAuthenticationsRequest;
import dev.flagpost.grpc.auth.v1.ListAuthenticationsResponse;
import dev.flagpost.grpc.auth.v1.RevokeAuthenticationSelfRequest;
import dev.flagpost.grpc.auth.v1.RevokeAuthenticationSelfResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** {@code flipt.auth.AuthenticationService}: the twin of {@code /auth/v1/self} and {@code /auth/v1/tokens}. */
public class AuthenticationGrpcService implements AuthenticationServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.AUTH;
    private final Supplier<AuthenticationService> service;

    public AuthenticationGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::authentications));
    }

    public AuthenticationGrpcService(Supplier<AuthenticationService> service) {
        this.service = service;
    }

    private static Authentication caller() {
        return GrpcCaller.current().orElseThrow(FliptException::unauthenticated);
    }

    @Override
    public void getAuthenticationSelf(Empty request, StreamObserver<dev.flagpost.grpc.auth.v1.Authentication> out) {
        GrpcCalls.unary(SECTION, out, () -> ProtoMapping.authentication(caller()));
    }

    @Override
    public void getAuthentication(GetAuthenticationRequest request, StreamObserver<dev.flagpost.grpc.auth.v1.Authentication> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            caller();
            return ProtoMapping.authentication(service.get().get(request.getId()));
        });
    }

    @Override
    public void listAuthentications(ListAuthenticationsRequest request, StreamObserver<ListAuthenticationsResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            caller();
            Method method = request.getMethodValue() == 0 ? null : Method.ofNumber(request.getMethodValue());
            AuthenticationStore.Page page = service.get().list(method, request.getLimit(), request.getPageToken());
            var b = ListAuthenticationsResponse.newBuilder().setNextPageToken(page.nextPageToken());
            page.authentications().forEach(a -> b.addAuthentications(ProtoMapping.authentication(a)));
            return b.build();
        });
    }

    @Override
    public void deleteAuthentication(DeleteAuthenticationRequest request, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            service.get().delete(request.getId(), caller());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void expireAuthenticationSelf(ExpireAuthenticationSelfRequest request, StreamObserver<Empty> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            service.get().expireSelf(caller(), request.hasExpiresAt() ? ProtoMapping.instant(request.getExpiresAt()) : null);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void revokeAuthenticationSelf(RevokeAuthenticationSelfRequest request, StreamObserver<RevokeAuthenticationSelfResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            service.get().revokeSelf(caller());
            return RevokeAuthenticationSelfResponse.getDefaultInstance();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(AuthenticationServiceGrpc.bindService(this));
    }
}
