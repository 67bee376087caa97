package dev.flagpost.client.auth;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.flagpost.client.config.ClientConfig;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Sends a Nimbus token request and turns the answer into {@link Credentials} or a typed error. */
final class TokenEndpoint {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private TokenEndpoint() {
    }

    static Credentials exchange(TokenRequest request, ClientConfig config, Clock clock) {
        HTTPResponse response = send(request.toHTTPRequest());
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw new AuthenticationException("the token endpoint " + request.getEndpointURI()
                    + " returned an unreadable answer (HTTP " + response.getStatusCode() + ")", e,
                    response.getStatusCode() >= 500);
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = ((TokenErrorResponse) parsed).getErrorObject();
            if (error == null || error.getCode() == null) {
                throw new AuthenticationException("the token endpoint answered HTTP " + response.getStatusCode()
                        + " without an OAuth error; try again later", null, response.getStatusCode() >= 500);
            }
            throw new TokenErrorException("the identity provider refused the token request: " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"),
                    error.setHTTPStatusCode(response.getStatusCode()));
        }
        return toCredentials((AccessTokenResponse) parsed, config, clock);
    }

    static HTTPResponse send(HTTPRequest http) {
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        try {
            return http.send();
        } catch (IOException e) {
            throw new AuthenticationException("could not reach the identity provider at " + http.getURI()
                    + " (" + e.getMessage() + "); check your network and try again", e, true);
        }
    }

    private static Credentials toCredentials(AccessTokenResponse response, ClientConfig config, Clock clock) {
        Tokens tokens = response.getTokens();
        String access = tokens.getAccessToken().getValue();
        long lifetime = tokens.getAccessToken().getLifetime();
        Instant expiresAt = lifetime > 0 ? clock.instant().plusSeconds(lifetime) : jwtExpiry(access);
        Object idToken = response.getCustomParameters().get("id_token");
        return new Credentials(access,
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(),
                idToken instanceof String s ? s : null,
                expiresAt, config.issuer(), config.clientId(), Credentials.BEARER);
    }

    /** Without expires_in, a JWT access token still tells us when it expires. */
    private static Instant jwtExpiry(String token) {
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            return null; // opaque token: lifetime unknown, rely on 401 handling
        }
    }
}
