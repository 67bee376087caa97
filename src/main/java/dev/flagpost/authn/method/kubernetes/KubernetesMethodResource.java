package dev.flagpost.authn.method.kubernetes;

import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.api.AuthenticationJson;
import dev.flagpost.authn.api.JsonInput;
import dev.flagpost.authn.TokenCreator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /auth/v1/method/kubernetes/serviceaccount}: Flipt's VerifyServiceAccount. Public
 * (the service-account token is the credential); the client token is in this response only.
 */
@Guarded(Section.PUBLIC)
@Path("/auth/v1/method/kubernetes/serviceaccount")
@RequestScoped
public class KubernetesMethodResource {
    @Inject
    AuthMethods methods;

    public record VerifyServiceAccountResponse(String clientToken, AuthenticationJson authentication) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public VerifyServiceAccountResponse verify(String body) {
        KubernetesLogin login = methods.running(KubernetesLogin.class).orElse(null);
        if (login == null) {
            throw FliptException.notFound("the kubernetes authentication method is not enabled");
        }
        JsonObject json = JsonInput.optionalObject(body);
        TokenCreator.Created issued = login.exchange(JsonInput.string(json, "serviceAccountToken", "service_account_token"));
        return new VerifyServiceAccountResponse(issued.clientToken(), AuthenticationJson.of(issued.authentication()));
    }
}
