-- Flipt's v1 authentications table, plus the index on expires_at that cleanup needs.
CREATE TABLE authentications (
    id                  UUID PRIMARY KEY,
    hashed_client_token VARCHAR(64) NOT NULL,
    method              INTEGER     NOT NULL,
    metadata            ${text} NOT NULL DEFAULT '{}',
    expires_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT authentications_hashed_client_token_key UNIQUE (hashed_client_token)
);
CREATE INDEX authentications_method_expires_at_idx ON authentications (method, expires_at);
CREATE INDEX authentications_created_at_idx ON authentications (created_at, id);

-- One row per method: the next time any node may run that method's cleanup (see docs/architecture.md).
CREATE TABLE cleanup_leases (
    method      INTEGER PRIMARY KEY,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    holder      VARCHAR(200) NOT NULL
);
