package dev.flagpost.api;

import dev.flagpost.persistence.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else, in Flipt's JSON: JAX-RS errors keep their status (unknown route → 404, bad JSON
 * → 400), an unavailable store is 503 UNAVAILABLE, and anything unexpected is a logged 500 that
 * shows no internals.
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable t) {
        Code code;
        String message;
        if (t instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            code = switch (status) {
                case 400, 415 -> Code.INVALID_ARGUMENT;
                case 401 -> Code.UNAUTHENTICATED;
                case 403 -> Code.PERMISSION_DENIED;
                case 404 -> Code.NOT_FOUND;
                case 405 -> Code.UNIMPLEMENTED;
                case 406 -> Code.INVALID_ARGUMENT;
                case 503 -> Code.UNAVAILABLE;
                default -> status >= 500 ? Code.INTERNAL : Code.INVALID_ARGUMENT;
            };
            // Fixed texts: JAX-RS exception messages name the library and its classes.
            message = switch (status) {
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                case 400 -> "request could not be read: the body or a parameter is not valid for this route";
                case 406 -> "the response is only available as application/json";
                case 415 -> "the request body must be JSON";
                default -> code == Code.INTERNAL ? "internal error" : code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(code, message)).build();
        }
        if (t instanceof StoreUnavailableException) {
            LOG.warning(() -> "request failed, store unavailable: " + t.getMessage());
            code = Code.UNAVAILABLE;
            message = "the authentication store is unavailable; try again shortly";
        } else if (t instanceof jakarta.json.bind.JsonbException || t instanceof jakarta.json.JsonException) {
            code = Code.INVALID_ARGUMENT;
            message = "request body is not valid JSON";
        } else {
            LOG.log(Level.SEVERE, "unhandled error", t);
            code = Code.INTERNAL;
            message = "internal error";
        }
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(code, message)).build();
    }
}
