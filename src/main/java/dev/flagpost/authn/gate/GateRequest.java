package dev.flagpost.authn.gate;

import java.util.List;

/**
 * What the gate needs from a request, whatever carried it.
 *
 * @param browser       whether CSRF rules apply (HTTP only: gRPC carries no cookies)
 * @param method        the HTTP method ({@code POST} for gRPC)
 * @param authorization every Authorization value the request carries
 * @param cookie        the {@code flipt_client_token} cookie, or null
 * @param secFetchSite  {@code Sec-Fetch-Site}, {@code Origin}, {@code Host} and {@code X-CSRF-Token}: for CSRF only
 */
public record GateRequest(Route route, boolean browser, String method, List<String> authorization, String cookie,
                          String secFetchSite, String origin, String host, String csrfToken) {

    public static GateRequest grpc(Route route, List<String> authorization) {
        return new GateRequest(route, false, "POST", authorization, null, null, null, null, null);
    }
}
