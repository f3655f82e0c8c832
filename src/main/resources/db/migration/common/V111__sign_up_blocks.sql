-- Blocks applied at sign-up: e-mail domains, canonical e-mail addresses (hashed), and IP ranges.
CREATE TABLE email_domain_blocks (
    id                  BIGINT PRIMARY KEY,
    domain              TEXT NOT NULL UNIQUE,
    allow_with_approval BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          BIGINT NOT NULL
);
CREATE TABLE canonical_email_blocks (
    id                   BIGINT PRIMARY KEY,
    canonical_email_hash TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the address without dots or +tag in its local part
    created_at           BIGINT NOT NULL
);
CREATE TABLE ip_blocks (
    id         BIGINT PRIMARY KEY,
    ip         TEXT NOT NULL UNIQUE,             -- an address or a CIDR range, normalized
    severity   TEXT NOT NULL,                    -- sign_up_requires_approval | sign_up_block | no_access
    comment    TEXT NOT NULL DEFAULT '',
    expires_at BIGINT,
    created_at BIGINT NOT NULL
);
