package dev.flagpost.authn.method.token;

import dev.flagpost.authn.method.AuthMethods;
import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.api.FliptException;
import dev.flagpost.authn.api.AuthenticationJson;
import dev.flagpost.authn.api.JsonInput;
import jakarta.enterprise.context.RequestScoped;
import dev.flagpost.authn.web.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /auth/v1/method/token}: Flipt's CreateToken. The client token is in this response only. */
@Guarded(Section.AUTH)
@Path("/auth/v1/method/token")
@RequestScoped
public class TokenMethodResource {
    @Inject
    AuthMethods methods;

    @Inject
    Caller caller;

    public record CreateTokenResponse(String clientToken, AuthenticationJson authentication) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public CreateTokenResponse create(JsonObject body) {
        var self = caller.require();
        TokenCreator creator = TokenMethod.creatorOf(methods);
        if (body == null) {
            throw FliptException.invalidArgument("a JSON body with at least \"name\" is required");
        }
        TokenCreator.Created created = creator.create(
                JsonInput.string(body, "name", "name"),
                JsonInput.string(body, "description", "description"),
                JsonInput.timestamp(JsonInput.string(body, "expiresAt", "expires_at"), "expiresAt"),
                JsonInput.string(body, "namespaceKey", "namespace_key"),
                JsonInput.stringMap(body, "metadata", "metadata"),
                self);
        return new CreateTokenResponse(created.clientToken(), AuthenticationJson.of(created.authentication()));
    }
}
