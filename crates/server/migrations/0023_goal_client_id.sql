-- A new goal may carry a client_id, made by the phone, so a goal sent again (its first
-- try given up on a bad signal, when it may still have arrived) is made once.
ALTER TABLE goals ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX goals_by_client_id ON goals (client_id);
