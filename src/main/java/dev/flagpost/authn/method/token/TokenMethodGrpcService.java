package dev.flagpost.authn.method.token;

import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.grpc.GrpcBridge;
import dev.flagpost.grpc.GrpcCalls;
import dev.flagpost.grpc.ProtoMapping;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc;
import dev.flagpost.grpc.auth.v1.CreateTokenRequest;
import dev.flagpost.grpc.auth.v1.CreateTokenResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** {@code flipt.auth.AuthenticationMethodTokenService/CreateToken}: the twin of {@code POST /auth/v1/method/token}. */
public class TokenMethodGrpcService implements AuthenticationMethodTokenServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.AUTH;
    private final Supplier<AuthMethods> methods;

    public TokenMethodGrpcService() {
        this(GrpcBridge.lazily(GrpcBridge.Parts::methods));
    }

    public TokenMethodGrpcService(Supplier<AuthMethods> methods) {
        this.methods = methods;
    }

    @Override
    public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            var caller = GrpcCaller.current().orElseThrow(FliptException::unauthenticated);
            TokenCreator creator = TokenMethod.creatorOf(methods.get());
            TokenCreator.Created created = creator.create(request.getName(), request.getDescription(),
                    request.hasExpiresAt() ? ProtoMapping.instant(request.getExpiresAt()) : null,
                    request.getNamespaceKey(), request.getMetadataMap(), caller);
            return CreateTokenResponse.newBuilder().setClientToken(created.clientToken())
                    .setAuthentication(ProtoMapping.authentication(created.authentication())).build();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcBridge.gated(AuthenticationMethodTokenServiceGrpc.bindService(this));
    }
}
