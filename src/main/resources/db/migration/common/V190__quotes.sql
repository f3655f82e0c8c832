-- Quote posts with consent (Mastodon 4.5, FEP-044f; issue 15). One row per quoting status. The quoted status may be
-- unknown here (quoted_status_id NULL while only its URI is known) or gone (set NULL when it is deleted: "deleted").
-- state: pending, accepted, rejected, revoked. activity_uri is the QuoteRequest's id, approval_uri the
-- QuoteAuthorization the quoted author's server issued (NULL for one issued here: it is served at a URL of ours).
CREATE TABLE quotes (
    id                BIGINT PRIMARY KEY,
    status_id         BIGINT NOT NULL UNIQUE REFERENCES statuses (id) ON DELETE CASCADE,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    quoted_status_id  BIGINT REFERENCES statuses (id) ON DELETE SET NULL,
    quoted_account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    quoted_uri        TEXT NOT NULL,
    state             TEXT NOT NULL,
    activity_uri      TEXT,
    approval_uri      TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
-- GET /api/v1/statuses/:id/quotes pages the accepted quotes of a status by quote id
CREATE INDEX quotes_quoted_status_idx ON quotes (quoted_status_id, state, id);
-- an Accept or Reject names the QuoteRequest by its id; a Delete names the authorization
CREATE INDEX quotes_activity_uri_idx ON quotes (activity_uri);
CREATE INDEX quotes_approval_uri_idx ON quotes (approval_uri);
CREATE INDEX quotes_quoted_uri_idx ON quotes (quoted_uri);

-- Who may quote a status (its canQuote policy): the keys of Mastodon's QuoteApproval (public, followers, following,
-- unsupported_policy), comma-separated, for automatic and for manual approval. No row: nobody but the author.
CREATE TABLE status_quote_policies (
    status_id BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    automatic TEXT NOT NULL,
    manual    TEXT NOT NULL
);

