-- Interaction policies (GoToSocial's interactionPolicy; issue 15). Each rule list holds GoToSocial's keys (public,
-- followers, following, mentioned, author) or actor URIs, space-separated, for automatic and for manual approval.
-- No row for a local status: GoToSocial's default for its visibility; no row for a remote one: open to anyone who
-- may see it (the post came without a policy).
CREATE TABLE status_interaction_policies (
    status_id            BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    can_favourite_auto   TEXT NOT NULL,
    can_favourite_manual TEXT NOT NULL,
    can_reply_auto       TEXT NOT NULL,
    can_reply_manual     TEXT NOT NULL,
    can_reblog_auto      TEXT NOT NULL,
    can_reblog_manual    TEXT NOT NULL
);

-- An account's defaults per visibility (GET/PATCH /api/v1/interaction_policies/defaults); no row: GoToSocial's default.
CREATE TABLE interaction_policy_defaults (
    account_id           BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    visibility           TEXT NOT NULL,
    can_favourite_auto   TEXT NOT NULL,
    can_favourite_manual TEXT NOT NULL,
    can_reply_auto       TEXT NOT NULL,
    can_reply_manual     TEXT NOT NULL,
    can_reblog_auto      TEXT NOT NULL,
    can_reblog_manual    TEXT NOT NULL,
    PRIMARY KEY (account_id, visibility)
);

-- A reply held until the author of the post it answers approves it: seen only by its author and that author, not
-- counted, not in feeds, not delivered beyond that author's server.
ALTER TABLE statuses ADD COLUMN pending_approval BOOLEAN NOT NULL DEFAULT FALSE;

-- Interactions (favourite, reply, reblog) that needed the target author's approval: asked here of a local author,
-- or asked by a local account of a remote author. state: pending, accepted, rejected.
-- interaction_uri: the Like/Announce id or the reply's id, as other servers name it; approval_uri: the approval
-- object (ours is served at a URL of this server; a remote one is what the Accept's result named).
CREATE TABLE interaction_requests (
    id                    BIGINT PRIMARY KEY,
    type                  TEXT NOT NULL,
    status_id             BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    target_account_id     BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    account_id            BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    interaction_status_id BIGINT REFERENCES statuses (id) ON DELETE CASCADE,
    interaction_uri       TEXT NOT NULL,
    reblog_visibility     TEXT,
    state                 TEXT NOT NULL,
    approval_uri          TEXT,
    created_at            BIGINT NOT NULL,
    accepted_at           BIGINT,
    rejected_at           BIGINT
);
-- GET /api/v1/interaction_requests pages the pending requests of one author by id
CREATE INDEX interaction_requests_target_idx ON interaction_requests (target_account_id, state, id);
-- the interacter's own pending marks on a page of statuses, and one interaction per account and post
CREATE INDEX interaction_requests_account_idx ON interaction_requests (account_id, status_id, type);
-- an Accept or Reject names the interaction by its id; a status's own request (a held reply)
CREATE INDEX interaction_requests_uri_idx ON interaction_requests (interaction_uri);
CREATE INDEX interaction_requests_interaction_status_idx ON interaction_requests (interaction_status_id);
CREATE INDEX interaction_requests_status_idx ON interaction_requests (status_id);
