package dev.flagpost.grpc;

import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.grpc.GrpcAuthInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.config.AuthenticationConfig;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.authn.grpc.Lookup;
import dev.flagpost.authn.method.token.TokenCreator;
import dev.flagpost.grpc.auth.v1.AuthenticationMethodTokenServiceGrpc;
import dev.flagpost.grpc.auth.v1.CreateTokenRequest;
import dev.flagpost.grpc.auth.v1.CreateTokenResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** {@code flipt.auth.AuthenticationMethodTokenService/CreateToken}: the twin of {@code POST /auth/v1/method/token}. */
public class TokenMethodGrpcService implements AuthenticationMethodTokenServiceGrpc.AsyncService, BindableService {
    /** The section whose access rule this service checks again itself (the second layer). */
    private static final Section SECTION = Section.AUTH;
    private final Supplier<TokenCreator> creator;
    private final Supplier<AuthenticationConfig> config;

    public TokenMethodGrpcService() {
        this(Lookup.lazily(r -> r.tokenCreator()), Lookup.lazily(r -> r.config().authentication()));
    }

    public TokenMethodGrpcService(Supplier<TokenCreator> creator, Supplier<AuthenticationConfig> config) {
        this.creator = creator;
        this.config = config;
    }

    @Override
    public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> out) {
        GrpcCalls.unary(SECTION, out, () -> {
            var caller = GrpcCaller.current().orElseThrow(FliptException::unauthenticated);
            if (!config.get().enabled(Method.TOKEN)) {
                throw FliptException.notFound("the token authentication method is not enabled");
            }
            TokenCreator.Created created = creator.get().create(request.getName(), request.getDescription(),
                    request.hasExpiresAt() ? ProtoMapping.instant(request.getExpiresAt()) : null,
                    request.getNamespaceKey(), request.getMetadataMap(), caller);
            return CreateTokenResponse.newBuilder().setClientToken(created.clientToken())
                    .setAuthentication(ProtoMapping.authentication(created.authentication())).build();
        });
    }

    /** The gate runs before every method, whatever the server's {@code <grpc>} element names. */
    @Override
    public ServerServiceDefinition bindService() {
        return GrpcAuthInterceptor.bind(AuthenticationMethodTokenServiceGrpc.bindService(this));
    }
}
