-- Flipt v1's flag state: namespaces, flags, variants, segments, constraints, rules, distributions, rollouts.
CREATE TABLE namespaces (
    "key"       VARCHAR(255) PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    description ${text} NOT NULL DEFAULT '',
    protected   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE flags (
    namespace_key VARCHAR(255) NOT NULL REFERENCES namespaces ("key") ON DELETE CASCADE,
    "key"         VARCHAR(255) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    description   ${text} NOT NULL DEFAULT '',
    enabled       BOOLEAN      NOT NULL DEFAULT FALSE,
    type          INTEGER      NOT NULL DEFAULT 0,
    metadata      ${text} NOT NULL DEFAULT '{}',
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace_key, "key")
);

CREATE TABLE variants (
    id            UUID PRIMARY KEY,
    namespace_key VARCHAR(255) NOT NULL,
    flag_key      VARCHAR(255) NOT NULL,
    "key"         VARCHAR(255) NOT NULL,
    name          VARCHAR(255) NOT NULL DEFAULT '',
    description   ${text} NOT NULL DEFAULT '',
    attachment    ${text} NOT NULL DEFAULT '',
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT variants_namespace_flag_key_key UNIQUE (namespace_key, flag_key, "key"),
    FOREIGN KEY (namespace_key, flag_key) REFERENCES flags (namespace_key, "key") ON DELETE CASCADE
);

CREATE TABLE segments (
    namespace_key VARCHAR(255) NOT NULL REFERENCES namespaces ("key") ON DELETE CASCADE,
    "key"         VARCHAR(255) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    description   ${text} NOT NULL DEFAULT '',
    match_type    INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace_key, "key")
);

CREATE TABLE constraints (
    id            UUID PRIMARY KEY,
    namespace_key VARCHAR(255) NOT NULL,
    segment_key   VARCHAR(255) NOT NULL,
    type          INTEGER      NOT NULL,
    property      VARCHAR(255) NOT NULL,
    operator      VARCHAR(255) NOT NULL,
    "value"       ${text} NOT NULL DEFAULT '',
    description   ${text} NOT NULL DEFAULT '',
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, "key") ON DELETE CASCADE
);

CREATE TABLE rules (
    id               UUID PRIMARY KEY,
    namespace_key    VARCHAR(255) NOT NULL,
    flag_key         VARCHAR(255) NOT NULL,
    rank             INTEGER      NOT NULL,
    segment_operator INTEGER      NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (namespace_key, flag_key) REFERENCES flags (namespace_key, "key") ON DELETE CASCADE
);

CREATE TABLE rule_segments (
    rule_id       UUID         NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    namespace_key VARCHAR(255) NOT NULL,
    segment_key   VARCHAR(255) NOT NULL,
    PRIMARY KEY (rule_id, segment_key),
    FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, "key") ON DELETE CASCADE
);

CREATE TABLE distributions (
    id         UUID PRIMARY KEY,
    rule_id    UUID             NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    variant_id UUID             NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    rollout    DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rollouts (
    id               UUID PRIMARY KEY,
    namespace_key    VARCHAR(255)     NOT NULL,
    flag_key         VARCHAR(255)     NOT NULL,
    rank             INTEGER          NOT NULL,
    type             INTEGER          NOT NULL,
    description      ${text} NOT NULL DEFAULT '',
    threshold        DOUBLE PRECISION,
    "value"          BOOLEAN          NOT NULL DEFAULT FALSE,
    segment_operator INTEGER          NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (namespace_key, flag_key) REFERENCES flags (namespace_key, "key") ON DELETE CASCADE
);

CREATE TABLE rollout_segments (
    rollout_id    UUID         NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    namespace_key VARCHAR(255) NOT NULL,
    segment_key   VARCHAR(255) NOT NULL,
    PRIMARY KEY (rollout_id, segment_key),
    FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, "key") ON DELETE CASCADE
);

-- Bumped in the same transaction as every write to a namespace; each node polls it to drop its
-- cached evaluation state (see docs/architecture.md).
CREATE TABLE namespace_versions (
    namespace_key VARCHAR(255) PRIMARY KEY,
    version       BIGINT NOT NULL
);

INSERT INTO namespaces ("key", name, description, protected, created_at, updated_at)
VALUES ('default', 'Default', 'Default namespace', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO namespace_versions (namespace_key, version) VALUES ('default', 1);
