package dev.flagpost.authn.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.Method;
import dev.flagpost.authn.Resolution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthMethodsTest {
    @Test
    void everyMethodThisBuildServesIsRegisteredOnceInFliptsListingOrder() {
        assertEquals(List.of(Method.TOKEN, Method.GITHUB, Method.OIDC, Method.KUBERNETES, Method.JWT),
                AuthMethods.factories().stream().map(AuthMethodFactory::method).toList());
        assertTrue(AuthMethods.factory(Method.LDAP).isEmpty());
    }

    @Test
    void sessionCompatibilityIsEachMethodsOwnDeclaration() {
        assertTrue(AuthMethods.sessionCompatible(Method.OIDC));
        assertTrue(AuthMethods.sessionCompatible(Method.GITHUB));
        assertFalse(AuthMethods.sessionCompatible(Method.TOKEN));
        assertFalse(AuthMethods.sessionCompatible(Method.LDAP));
    }

    @Test
    void aStoredAuthenticationOfAMethodThatIsNotRunningIsRefusedNamingTheMethod() {
        AuthMethods methods = AuthMethods.of(() -> Method.TOKEN);
        Authentication k8s = new Authentication("id", Method.KUBERNETES, null, Instant.EPOCH, Instant.EPOCH, Map.of(), false);
        assertEquals("the kubernetes method is not enabled", methods.refusal(k8s));
        assertNull(methods.refusal(new Authentication("id", Method.TOKEN, null, Instant.EPOCH, Instant.EPOCH, Map.of(), false)));
    }

    @Test
    void theJwtVerifierIsTheRunningMethodsThatTakesJwts() {
        Resolution answer = new Resolution.Unauthenticated("checked");
        AuthMethod jwt = new AuthMethod() {
            @Override
            public Method method() {
                return Method.JWT;
            }

            @Override
            public Optional<JwtVerifier> jwtVerifier() {
                return Optional.of(token -> answer);
            }
        };
        assertNull(AuthMethods.of(() -> Method.TOKEN).jwtVerifier());
        assertEquals(answer, AuthMethods.of(() -> Method.TOKEN, jwt).jwtVerifier().verify("x"));
    }
}
