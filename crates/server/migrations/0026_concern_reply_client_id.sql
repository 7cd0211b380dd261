-- A manager's answer to a concern may carry a client_id, made by the app, so an answer
-- sent again (its first try given up on a bad signal, when it may still have arrived) is
-- given once, and the young person reads it once.
ALTER TABLE concern_replies ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX concern_replies_by_client_id ON concern_replies (client_id);
