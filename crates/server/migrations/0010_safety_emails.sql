-- Safety emails: an outbox written in the same transaction as the "I don't feel safe"
-- flag, so nothing is lost if the server stops before sending. A background task sends
-- each row (at least once), retrying with backoff, and audits every attempt.

CREATE TABLE safety_emails (
    id               INTEGER PRIMARY KEY,
    flag_id          TEXT NOT NULL REFERENCES safety_flags(id),
    -- 'raised': sent at once; 'escalated': sent when due only if nobody has acted on the flag
    kind             TEXT NOT NULL CHECK (kind IN ('raised', 'escalated')),
    -- who this is: the allocated worker, a manager of their team, or the duty address
    recipient        TEXT NOT NULL CHECK (recipient IN ('worker', 'manager', 'duty')),
    worker_id        TEXT REFERENCES workers(id),
    to_name          TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    -- whose audit log the attempts go in
    team_id          TEXT,
    status           TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'not_needed', 'gave_up')),
    -- 'gave_up': still failing a day after the flag (the audit log says so)
    -- milliseconds since 1970 (UTC): when to send, or to try again
    due_at           INTEGER NOT NULL,
    -- a server sending it holds it until then; after that (it stopped), another may
    claimed_until    INTEGER,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    UNIQUE (flag_id, kind, to_address)
);
CREATE INDEX safety_emails_due ON safety_emails (status, due_at);
