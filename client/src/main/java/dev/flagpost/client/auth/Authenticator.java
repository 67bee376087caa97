package dev.flagpost.client.auth;

/** One way of obtaining credentials. Implementations are stateless between calls. */
public interface Authenticator {
    /** Runs the full flow (may be interactive). */
    Credentials authenticate();

    /**
     * Renews {@code current}. The default runs the flow again; OAuth flows with a refresh token use
     * the refresh_token grant instead.
     *
     * @throws AccessTokenNotFoundException when the refresh token was refused (run the flow again)
     * @throws AuthenticationException      transient when the IdP could not be reached
     */
    default Credentials refresh(Credentials current) {
        return authenticate();
    }

    /** True when the flow needs a person (browser or device code): only then may it be a fallback. */
    default boolean interactive() {
        return false;
    }

    /**
     * True when the credentials are Flagpost client tokens (static, Kubernetes exchange): they are
     * always sent as {@code Bearer}, whatever scheme the token source uses for IdP tokens.
     */
    default boolean issuesFlagpostClientTokens() {
        return false;
    }

    /** False for credentials that must never be written to a token store (command output, static tokens). */
    default boolean persistable() {
        return true;
    }
}
