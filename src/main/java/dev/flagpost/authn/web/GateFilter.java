package dev.flagpost.authn.web;

import dev.flagpost.authn.web.SessionCookies;
import dev.flagpost.api.Code;
import dev.flagpost.api.ErrorBody;
import dev.flagpost.api.OfrepErrors;
import dev.flagpost.authn.gate.Decision;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.GateRequest;
import dev.flagpost.authn.gate.Route;
import dev.flagpost.authn.gate.Routes;
import dev.flagpost.authn.gate.Section;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Enforces the gate's decision on every HTTP request before any resource, servlet or static file
 * runs: a refusal is answered here in Flipt's JSON and the chain is not continued, so nothing
 * behind it executes. Requests to gRPC method paths go on untouched: the gRPC gate bound to each
 * service authenticates them, whatever their headers claim. Declared in web.xml, as the first filter.
 */
public class GateFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());
    private static final String AMBIGUOUS_PATH = "the request path must not contain encoded separators, "
            + "encoded dots, dot segments, backslashes or path parameters";

    @Inject
    SessionCookies cookies;

    @Inject
    Gate gate;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = pathOf(request);
        if (Routes.isGrpcPath(path)) {
            chain.doFilter(req, res);
            return;
        }
        Route route = Routes.http(request.getMethod(), path);
        Decision decision;
        try {
            decision = decide(request, route);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the authentication gate failed; the request was refused", e);
            decision = new Decision.Refuse(Code.INTERNAL, "internal error", false);
        }
        if (decision instanceof Decision.Pass pass) {
            CallerAttribute.set(request, pass.caller());
        } else if (decision instanceof Decision.Refuse refuse) {
            refuse(response, refuse, route.section() == Section.OFREP);
            return;
        }
        chain.doFilter(req, res);
    }

    private Decision decide(HttpServletRequest request, Route route) {
        if (isAmbiguous(request.getRequestURI())) {
            return new Decision.Refuse(Code.INVALID_ARGUMENT, AMBIGUOUS_PATH, false);
        }
        String method = request.getMethod();
        // Where no caller is needed the gate decides without the credential: its header (a JWT is
        // ~700 bytes that Liberty turns into a String on request) and cookies are not even read.
        boolean credentialMatters = gate.access().needsCaller(route.section());
        List<String> authorization = credentialMatters ? authorizationHeaders(request) : List.of();
        String cookie = credentialMatters && authorization.isEmpty() ? tokenCookie(request) : null;
        GateRequest gateRequest = CsrfGuard.unsafe(method)
                ? new GateRequest(route, true, method, authorization, cookie, request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Host"), request.getHeader(CsrfGuard.HEADER))
                : new GateRequest(route, true, method, authorization, cookie, null, null, null, null);
        return gate.decide(gateRequest);
    }

    /** @param ofrep OFREP clients read {@code {errorCode, errorDetails}}, everyone else Flipt's {@code {code, message}} */
    private void refuse(HttpServletResponse response, Decision.Refuse refuse, boolean ofrep) throws IOException {
        byte[] body = (ofrep ? OfrepErrors.json(refuse.code(), refuse.message()) : ErrorBody.of(refuse.code(), refuse.message()).toJson())
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(refuse.code().httpStatus());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        if (refuse.code() == Code.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"flagpost\"");
        }
        if (refuse.clearCookies()) {
            cookies.clearing().forEach(c -> response.addHeader("Set-Cookie", c));
        }
        response.getOutputStream().write(body);
    }

    /** The path the gate decides on; the evaluation fast path matches the same one. */
    public static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    /** Encoded separators, dot segments and path parameters: no client of ours sends them, and they hide routes. */
    static boolean isAmbiguous(String rawUri) {
        if (rawUri == null) {
            return false;
        }
        String u = rawUri.toLowerCase(Locale.ROOT);
        return u.contains("%2f") || u.contains("%5c") || u.contains("%2e") || u.contains("%25") || u.contains(";")
                || u.contains("/./") || u.contains("/../") || u.endsWith("/..") || u.endsWith("/.") || u.contains("\\");
    }

    private static List<String> authorizationHeaders(HttpServletRequest request) {
        var values = request.getHeaders("Authorization");
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        return values.hasMoreElements() ? Collections.list(request.getHeaders("Authorization")) : List.of(first);
    }

    private static String tokenCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (SessionCookies.TOKEN_COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
