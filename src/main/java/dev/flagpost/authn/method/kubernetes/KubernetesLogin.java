package dev.flagpost.authn.method.kubernetes;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.ClientTokens;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.method.AuthMethod;
import java.util.logging.Logger;

/**
 * VerifyServiceAccount for HTTP and gRPC: a verified service-account token becomes a stored client
 * token (SHA-256 only) that expires with it. Bad tokens are 401 (Flipt answers 500); an issuer
 * that cannot be reached is 503, because then nothing was decided about the token.
 */
public final class KubernetesLogin implements AuthMethod {
    private static final Logger AUDIT = Logger.getLogger("dev.flagpost.audit");

    private final ServiceAccountVerifier verifier;
    private final TokenCreator tokens;

    public KubernetesLogin(ServiceAccountVerifier verifier, TokenCreator tokens) {
        this.verifier = verifier;
        this.tokens = tokens;
    }

    @Override
    public Method method() {
        return Method.KUBERNETES;
    }

    /** A stored client token of method kubernetes; the token is shown once. */
    public TokenCreator.Created exchange(String serviceAccountToken) {
        if (serviceAccountToken == null || serviceAccountToken.isBlank()) {
            throw FliptException.invalidArgument("serviceAccountToken is required");
        }
        String ref = ClientTokens.hash(serviceAccountToken).substring(0, 8);
        ServiceAccountVerifier.Outcome outcome = verifier.verify(serviceAccountToken);
        if (outcome instanceof ServiceAccountVerifier.Verified v) {
            return issue(v.account());
        }
        if (outcome instanceof ServiceAccountVerifier.Unavailable u) {
            AUDIT.warning(() -> "kubernetes login unavailable: token " + ref + ": " + u.message());
            throw FliptException.unavailable(u.message());
        }
        String reason = ((ServiceAccountVerifier.Rejected) outcome).reason();
        AUDIT.info(() -> "kubernetes login rejected: token " + ref + ": " + reason);
        throw FliptException.unauthenticated();
    }

    private TokenCreator.Created issue(ServiceAccount sa) {
        TokenCreator.Created created = tokens.issue(Method.KUBERNETES, sa.expiresAt(), sa.metadata());
        AUDIT.info(() -> "kubernetes login: id=" + created.authentication().id() + " serviceaccount=" + sa.namespace() + "/" + sa.name()
                + " expires=" + sa.expiresAt());
        return created;
    }
}
