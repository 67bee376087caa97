package dev.flagpost.flags.api;

import dev.flagpost.api.JsonBodyReader;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.web.CallerAttribute;
import dev.flagpost.authn.web.GateFilter;
import dev.flagpost.flags.evaluation.EvaluationService;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Answers successful {@code POST /evaluate/v1/{boolean,variant,batch}} calls without JAX-RS: the
 * same reader, checks ({@link EvaluationResource#answer}), evaluation and writer, minus RESTEasy's
 * per-request layers, which were a third of a batch request's CPU. It only ever answers 200: anything
 * else — a request the gate has not passed (it runs after the gate, web.xml), no caller where the
 * section needs one, another method or path, an Accept header with weights or without JSON, an
 * empty body, any exception the reader, the scope check or the evaluation raises — goes on, body
 * replayed, to {@link EvaluationResource}, which gives exactly the answer it always gave.
 */
public class EvaluationFastPath implements Filter {
    private static final String PREFIX = "/evaluate/v1/";

    @Inject
    EvaluationService evaluation;

    @Inject
    Gate gate;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String operation = operation(request);
        if (operation == null || !CallerAttribute.gatePassed(request) || !acceptsJson(request.getHeader("Accept"))) {
            chain.doFilter(req, res);
            return;
        }
        Authentication caller = EvaluationResource.caller(request);
        if (caller == null && gate.access().needsCaller(Section.EVALUATION)) {
            chain.doFilter(req, res); // the resource's own guard refuses it
            return;
        }
        byte[] body = request.getInputStream().readNBytes(JsonBodyReader.MAX_BODY_BYTES + 1);
        Object answer;
        try {
            Object read = body.length > JsonBodyReader.MAX_BODY_BYTES ? null
                    : EvaluationBodyReader.readOrNull(body, "batch".equals(operation));
            answer = read == null ? null : EvaluationResource.answer(evaluation, operation, caller, read);
        } catch (RuntimeException e) {
            // A 4xx, or a store that cannot be read (503 by the resource's mappers): the resource,
            // which repeats this read-only work, answers it exactly as it always did.
            answer = null;
        }
        if (answer == null) {
            chain.doFilter(new Replayed(request, body), res);
            return;
        }
        ByteArrayOutputStream json = EvaluationJsonWriter.json(answer);
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(json.size());
        json.writeTo(response.getOutputStream());
    }

    /** "boolean", "variant" or "batch" for a POST to one of them, else null. */
    private static String operation(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = GateFilter.pathOf(request);
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        return switch (path.substring(PREFIX.length())) {
            case "boolean" -> "boolean";
            case "variant" -> "variant";
            case "batch" -> "batch";
            default -> null;
        };
    }

    /** No Accept header, or a plain one naming JSON or any type; anything with weights is JAX-RS's to negotiate. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        return !accept.contains(";") && (accept.contains("application/json") || accept.contains("*/*"));
    }

    /** The request with its body, already read here, readable again. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
