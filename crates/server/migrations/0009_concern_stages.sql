-- "Not happy with this answer?": each time a young person asks for the next stage of a
-- concern (looked at again by someone who wasn't part of it; in England then a review
-- panel). concerns.stage and due_on move on; this keeps when, and what was still wrong.
CREATE TABLE concern_stages (
    id           INTEGER PRIMARY KEY,
    concern_id   TEXT NOT NULL REFERENCES concerns(id),
    stage        INTEGER NOT NULL,
    -- made by the app, so a retry is recorded once
    client_id    TEXT NOT NULL UNIQUE,
    -- exactly as typed; NULL when they skipped it
    words        TEXT,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    started_on   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (concern_id, stage)
);
