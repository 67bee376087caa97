package dev.flagpost.authn.web;

import dev.flagpost.api.Code;
import dev.flagpost.api.ErrorBody;
import dev.flagpost.api.FliptException;
import dev.flagpost.app.FlagpostRuntime;
import dev.flagpost.authn.Credential;
import dev.flagpost.authn.CredentialExtractor;
import dev.flagpost.authn.CredentialExtractor.Extraction;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.Resolution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Authenticates every HTTP request: classifies the route, extracts the credential (header over
 * cookie), asks the shared resolver, and either passes the caller on or answers in Flipt's JSON
 * (401, or 503 when the credential could not be checked). gRPC requests are left to the gRPC
 * interceptor, which uses the same resolver.
 */
@ApplicationScoped
public class FlagpostAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final Logger LOG = Logger.getLogger(FlagpostAuthenticationMechanism.class.getName());
    private static final byte[] UNAUTHENTICATED_BODY =
            ErrorBody.of(Code.UNAUTHENTICATED, FliptException.UNAUTHENTICATED_MESSAGE).toJson().getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAVAILABLE_BODY = ErrorBody.of(Code.UNAVAILABLE,
            "the credential could not be checked: the authentication store is unavailable; try again shortly")
            .toJson().getBytes(StandardCharsets.UTF_8);

    @Inject
    FlagpostRuntime runtime;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String contentType = request.getContentType();
        if (contentType != null && contentType.startsWith("application/grpc")) {
            return context.doNothing();
        }
        CsrfGuard csrf = runtime.csrf();
        boolean csrfChecked = csrf.enabled() && CsrfGuard.unsafe(request.getMethod());
        if (csrfChecked) {
            String crossSite = csrf.crossSiteReason(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"));
            if (crossSite != null) {
                LOG.info(() -> "refused cross-site " + request.getMethod() + " " + request.getRequestURI() + ": " + crossSite);
                return forbidden(response, "cross-site request refused (" + crossSite + ")");
            }
        }
        String path = pathOf(request);
        RoutePolicy.Access access = runtime.routePolicy().classify(request.getMethod(), path);
        if (access != RoutePolicy.Access.REQUIRED && isAmbiguous(request.getRequestURI())) {
            access = RoutePolicy.Access.REQUIRED;
        }
        if (access != RoutePolicy.Access.REQUIRED) {
            return context.doNothing();
        }
        Extraction extraction = CredentialExtractor.extract(authorizationHeaders(request), tokenCookie(request));
        if (extraction instanceof Extraction.Found found) {
            Resolution resolution = runtime.resolver().resolve(found.credential());
            if (resolution instanceof Resolution.Authenticated ok) {
                if (!NamespaceScope.allowsPath(ok.authentication(), path)) {
                    return fail(response, HttpServletResponse.SC_FORBIDDEN, ErrorBody.of(Code.PERMISSION_DENIED,
                            NamespaceScope.denied(ok.authentication().namespace(), "this API").getMessage()).toJson()
                            .getBytes(StandardCharsets.UTF_8), false);
                }
                if (csrfChecked && found.credential().source() == Credential.Source.COOKIE
                        && !csrf.tokenMatches(ok.authentication().id(), request.getHeader(CsrfGuard.HEADER))) {
                    return forbidden(response, "missing or invalid " + CsrfGuard.HEADER + " header: read it from GET /meta/info and send it with every change");
                }
                // The caller goes to the request, not into a container login: Liberty's JAAS login and
                // LTPA token on every request cost 60-80% of throughput (docs/architecture.md), and no
                // container role check is used. Resources read it through the injectable Caller.
                CallerAttribute.set(request, ok.authentication());
                return context.doNothing();
            }
            if (resolution instanceof Resolution.Unavailable) {
                // Nothing was decided about the credential: keep the cookie, say why.
                return fail(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE_BODY, false);
            }
            LOG.fine(() -> "rejected " + found.credential() + ": " + ((Resolution.Unauthenticated) resolution).reason());
            return unauthenticated(response, found.credential().source() == Credential.Source.COOKIE);
        }
        if (extraction instanceof Extraction.Malformed bad) {
            LOG.fine(() -> "rejected request: " + bad.reason());
            return unauthenticated(response, bad.source() == Credential.Source.COOKIE);
        }
        return unauthenticated(response, false);
    }

    private AuthenticationStatus forbidden(HttpServletResponse response, String message) {
        return fail(response, HttpServletResponse.SC_FORBIDDEN,
                ErrorBody.of(Code.PERMISSION_DENIED, message).toJson().getBytes(StandardCharsets.UTF_8), false);
    }

    private AuthenticationStatus unauthenticated(HttpServletResponse response, boolean clearCookies) {
        return fail(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHENTICATED_BODY, clearCookies);
    }

    private AuthenticationStatus fail(HttpServletResponse response, int status, byte[] body, boolean clearCookies) {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"flagpost\"");
        }
        if (clearCookies) {
            runtime.sessionCookies().clearing().forEach(c -> response.addHeader("Set-Cookie", c));
        }
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.fine(() -> "client went away before the error was written: " + e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    /** Encoded separators, dot segments and path parameters: no client of ours sends them, so they get no exemption. */
    static boolean isAmbiguous(String rawUri) {
        if (rawUri == null) {
            return false;
        }
        String u = rawUri.toLowerCase(Locale.ROOT);
        return u.contains("%2f") || u.contains("%5c") || u.contains("%2e") || u.contains("%25") || u.contains(";")
                || u.contains("/./") || u.contains("/../") || u.endsWith("/..") || u.contains("\\");
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
