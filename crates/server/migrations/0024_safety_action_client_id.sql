-- What staff did about a safety flag may carry a client_id, made by their device, so
-- the same action sent again (its first try given up on a bad signal, when it may still
-- have arrived) is recorded once: the young person hears back once.
ALTER TABLE safety_actions ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX safety_actions_by_client_id ON safety_actions (client_id);
