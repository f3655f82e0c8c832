-- Inbound signatures name a key id; verifying looks the key (and its account) up by it, once per request.
CREATE INDEX accounts_public_key_id_idx ON accounts (public_key_id);
