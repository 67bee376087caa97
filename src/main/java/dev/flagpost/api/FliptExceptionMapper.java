package dev.flagpost.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class FliptExceptionMapper implements ExceptionMapper<FliptException> {
    @Override
    public Response toResponse(FliptException e) {
        return Response.status(e.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e.code(), e.getMessage()))
                .build();
    }
}
