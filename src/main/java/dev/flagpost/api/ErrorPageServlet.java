package dev.flagpost.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's error page (web.xml): whatever the container itself refuses or fails on is
 * answered in Flipt's JSON with a fixed message. Reached only by error dispatch; a direct request
 * to its path is a 404 like any unknown route.
 */
@WebServlet("/_flagpost/error")
public class ErrorPageServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int http = status instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null && http >= 500) {
            LOG.log(Level.SEVERE, "request to " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " failed", failure);
        }
        ErrorBody body = switch (http) {
            case 400 -> ErrorBody.of(Code.INVALID_ARGUMENT, "the request could not be read: its path or headers are not valid");
            case 404 -> ErrorBody.of(Code.NOT_FOUND, "Not Found");
            case 405 -> ErrorBody.of(Code.UNIMPLEMENTED, "Method Not Allowed");
            case 413 -> ErrorBody.of(Code.INVALID_ARGUMENT, "the request is too large");
            default -> http >= 500 ? ErrorBody.of(Code.INTERNAL, "internal error") : ErrorBody.of(Code.INVALID_ARGUMENT, "invalid request");
        };
        byte[] bytes = body.toJson().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(http);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
