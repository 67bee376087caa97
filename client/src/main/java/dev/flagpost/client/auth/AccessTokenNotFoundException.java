package dev.flagpost.client.auth;

/** No usable access token: none stored, no refresh token, or the refresh token was refused. */
public class AccessTokenNotFoundException extends AuthenticationException {
    public AccessTokenNotFoundException(String message) {
        super(message);
    }

    public AccessTokenNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
