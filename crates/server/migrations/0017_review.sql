-- Getting ready for the review, and after it (issue 20, items 3 and 4).

-- The young person's preparation for their review, every part optional and kept exactly
-- as typed. Shared with the person who chairs the review only when they chose to: then
-- chair_account_id is that person's account (as the plan named them when it was sent),
-- and chair_name and chair_role what the young person was shown.
CREATE TABLE review_preps (
    id                INTEGER PRIMARY KEY,
    young_person_id   TEXT NOT NULL REFERENCES young_people(id),
    client_id         TEXT NOT NULL UNIQUE,
    went_well         TEXT NOT NULL,
    not_gone_well     TEXT NOT NULL,
    what_next         TEXT NOT NULL,
    want_there        TEXT NOT NULL,
    not_there         TEXT NOT NULL,
    take_part         TEXT CHECK (take_part IN ('speak_for_myself', 'someone_speaks_for_me', 'send_my_words')),
    questions         TEXT NOT NULL,
    chair_account_id  TEXT REFERENCES accounts(id),
    chair_name        TEXT,
    chair_role        TEXT,
    account_id        TEXT NOT NULL REFERENCES accounts(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX review_preps_by_young_person ON review_preps (young_person_id, id);
CREATE INDEX review_preps_by_chair ON review_preps (chair_account_id, id);

-- "I've read this": who read a preparation (once each), and when.
CREATE TABLE review_prep_reads (
    id          INTEGER PRIMARY KEY,
    prep_id     INTEGER NOT NULL REFERENCES review_preps(id),
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    by_name     TEXT NOT NULL,
    read_at     TEXT NOT NULL,
    UNIQUE (prep_id, account_id)
);

-- A review, as the worker recorded it: the day, what was decided in plain words, the next
-- review date. The plan is then due to be updated within 48 hours.
CREATE TABLE reviews (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    client_id        TEXT NOT NULL UNIQUE,
    held_on          TEXT NOT NULL,
    decisions        TEXT NOT NULL,
    next_review      TEXT,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    by_name          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX reviews_by_young_person ON reviews (young_person_id, id);
