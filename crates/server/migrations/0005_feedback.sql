-- Sessions a worker records (held, or didn't happen), the young person's feedback on
-- them, and the notes added afterwards ("what happened after I said this", "You said,
-- we did"). client_id makes a retry harmless. `care_sessions`, because `sessions` are
-- sign-in sessions.

CREATE TABLE care_sessions (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    client_id        TEXT NOT NULL UNIQUE,
    held_on          TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('one_to_one', 'group')),
    mode             TEXT NOT NULL CHECK (mode IN ('face_to_face', 'phone', 'online')),
    with_whom        TEXT NOT NULL,
    -- NULL: it happened. Otherwise why not, in words that blame no one.
    missed           TEXT CHECK (missed IN ('couldnt_make_it', 'didnt_feel_like_it', 'cancelled_by_us', 'something_else')),
    recorded_by_name TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX care_sessions_by_young_person ON care_sessions (young_person_id, held_on);

CREATE TABLE feedback (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    client_id        TEXT NOT NULL UNIQUE,
    session_id       INTEGER REFERENCES care_sessions(id),
    given_on         TEXT NOT NULL,
    -- The answers as JSON: [{"question": "overall", "answer": {"face": 4}}, ...]
    answers          TEXT NOT NULL,
    score            REAL,
    -- Exactly as typed.
    comment          TEXT NOT NULL,
    comment_for      TEXT NOT NULL CHECK (comment_for IN ('worker', 'manager_only')),
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX feedback_by_young_person ON feedback (young_person_id, id);

CREATE TABLE feedback_follow_ups (
    id               INTEGER PRIMARY KEY,
    feedback_id      INTEGER NOT NULL REFERENCES feedback(id),
    by_name          TEXT NOT NULL,
    by_young_person  INTEGER NOT NULL,
    words            TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX follow_ups_by_feedback ON feedback_follow_ups (feedback_id, id);
