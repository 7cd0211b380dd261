-- "My view" may carry a client_id, made by the phone, so a view sent again (its first
-- try given up on a bad signal, when it may still have arrived) is kept once.
ALTER TABLE views ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX views_by_client_id ON views (client_id);
