package dev.flagpost.client.http;

import dev.flagpost.client.auth.Credentials;
import dev.flagpost.client.auth.TokenSource;
import dev.flagpost.client.auth.TransportPolicy;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JAX-RS client filter (also for MicroProfile Rest Client: register it as a provider). Adds the
 * token; on 401 renews it and resends the request once through the same client, then hands the
 * second response to the caller in place of the first.
 */
public final class FlagpostAuthFilter implements ClientRequestFilter, ClientResponseFilter {
    static final String SENT_TOKEN = FlagpostAuthFilter.class.getName() + ".token";
    static final String RETRIED = FlagpostAuthFilter.class.getName() + ".retried";

    private final TokenSource tokens;
    private final boolean allowInsecure;

    /** Refuses plain http except to loopback addresses. */
    public FlagpostAuthFilter(TokenSource tokens) {
        this(tokens, false);
    }

    /** @param allowInsecure send tokens over plain http to any host (trusted networks only) */
    public FlagpostAuthFilter(TokenSource tokens, boolean allowInsecure) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.allowInsecure = allowInsecure;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(RETRIED) != null) {
            return; // the resend carries its token already
        }
        TransportPolicy.checkHttp(request.getUri(), allowInsecure);
        Credentials c = tokens.credentials();
        request.getHeaders().putSingle(tokens.headerKey(), c.headerValue());
        request.setProperty(SENT_TOKEN, c.accessToken());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() != 401 || request.getProperty(RETRIED) != null
                || !(request.getProperty(SENT_TOKEN) instanceof String sent)) {
            return;
        }
        Credentials renewed = tokens.onRejected(sent);
        Invocation.Builder resend = request.getClient().target(request.getUri()).request()
                .property(RETRIED, Boolean.TRUE);
        for (Map.Entry<String, List<Object>> h : request.getHeaders().entrySet()) {
            if (!h.getKey().equalsIgnoreCase(tokens.headerKey())) {
                h.getValue().forEach(v -> resend.header(h.getKey(), v));
            }
        }
        resend.header(tokens.headerKey(), renewed.headerValue());
        Object body = request.getEntity();
        try (Response second = body == null ? resend.method(request.getMethod())
                : resend.method(request.getMethod(), Entity.entity(body, request.getMediaType()))) {
            response.setStatus(second.getStatus());
            MultivaluedMap<String, String> headers = response.getHeaders();
            headers.clear();
            second.getStringHeaders().forEach(headers::put);
            response.setEntityStream(second.hasEntity()
                    ? new java.io.ByteArrayInputStream(second.readEntity(byte[].class)) : InputStream.nullInputStream());
        }
    }
}
