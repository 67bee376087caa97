package dev.flagpost.client.auth;

/** A Flagpost client token (from `flagpost token create`), sent as Bearer. It cannot be refreshed. */
public final class StaticTokenAuthenticator implements Authenticator {
    private final Credentials credentials;

    public StaticTokenAuthenticator(String clientToken) {
        if (clientToken == null || clientToken.isBlank()) {
            throw new IllegalArgumentException("the client token is empty");
        }
        this.credentials = Credentials.bearer(clientToken.trim());
    }

    @Override
    public Credentials authenticate() {
        return credentials;
    }

    @Override
    public Credentials refresh(Credentials current) {
        throw new AccessTokenNotFoundException("the Flagpost client token was rejected (expired or revoked); "
                + "create a new one with `flagpost token create`");
    }

    @Override
    public boolean issuesFlagpostClientTokens() {
        return true;
    }

    @Override
    public boolean persistable() {
        return false;
    }
}
