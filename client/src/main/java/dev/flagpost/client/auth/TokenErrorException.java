package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.ErrorObject;

/** The token endpoint answered with an OAuth error (RFC 6749 §5.2). */
public class TokenErrorException extends AuthenticationException {
    private final transient ErrorObject error;

    public TokenErrorException(String message, ErrorObject error) {
        super(message, null, error.getHTTPStatusCode() >= 500);
        this.error = error;
    }

    /** The OAuth error code, e.g. {@code invalid_grant}, {@code authorization_pending}. */
    public String code() {
        return error.getCode();
    }

    public ErrorObject error() {
        return error;
    }
}
