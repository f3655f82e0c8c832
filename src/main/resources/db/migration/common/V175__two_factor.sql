-- Two-factor sign-in. A TOTP secret is kept per user: unconfirmed (confirmed_at NULL) while being set up, in force
-- once a code from the app was accepted. last_step is the RFC 6238 time step of the last code accepted, so a code
-- is never accepted twice (a replay within its 30-second window is refused).
CREATE TABLE two_factor_totp (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT NOT NULL DEFAULT -1
);

-- Single-use recovery codes: only their SHA-256 is kept.
CREATE TABLE two_factor_recovery_codes (
    id         BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX two_factor_recovery_codes_user_idx ON two_factor_recovery_codes (user_id, code_hash);

-- Passkeys (WebAuthn credentials). credential_id is the base64url credential id the browser answers with;
-- attested_data the credential's public key and AAGUID as webauthn4j encodes them (base64url).
CREATE TABLE webauthn_credentials (
    id            BIGINT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    attested_data TEXT NOT NULL,
    sign_count    BIGINT NOT NULL,
    transports    TEXT,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (user_id, created_at);

-- WebAuthn challenges handed to a browser, each usable once and for a few minutes. user_id is NULL for a
-- passwordless sign-in, where the browser only later says who it is.
CREATE TABLE webauthn_challenges (
    challenge  TEXT PRIMARY KEY,
    user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX webauthn_challenges_expiry_idx ON webauthn_challenges (expires_at);
