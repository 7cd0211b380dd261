-- A note after session feedback ("what happened after I said this", "You said, we did")
-- may carry a client_id, made by the app, so a note sent again (its first try given up on
-- a bad signal, when it may still have arrived) is kept once.
ALTER TABLE feedback_follow_ups ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX feedback_follow_ups_by_client_id ON feedback_follow_ups (client_id);
