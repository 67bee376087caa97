-- Browser login flows in progress (OIDC, GitHub): one row per authorize request, consumed (deleted)
-- by the first callback that presents its state. Keyed by the SHA-256 of the state's security
-- token, so the table never holds a value that could complete a login by itself.
CREATE TABLE login_flows (
    state_hash    VARCHAR(64)  PRIMARY KEY,
    method        INTEGER      NOT NULL,
    provider      VARCHAR(200) NOT NULL,
    nonce         VARCHAR(200) NOT NULL,
    code_verifier VARCHAR(200),
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_flows_expires_at_idx ON login_flows (expires_at);
