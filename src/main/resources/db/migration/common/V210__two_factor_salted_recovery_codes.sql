-- Recovery codes get a random salt each and are stored as a keyed hash of salt and code (TwoFactorSeal); rows
-- from before keep salt NULL until the server's start-up step re-hashes them (their SHA-256 is the input of the new
-- hash, so the codes people hold keep working). TOTP secrets are sealed (AES-GCM) by the same step, in place:
-- a sealed secret starts with 'v1:'. Both need the key in secrets.properties, which SQL cannot reach.
ALTER TABLE two_factor_recovery_codes ADD COLUMN salt TEXT;
