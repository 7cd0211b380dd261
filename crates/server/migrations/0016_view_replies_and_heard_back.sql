-- Replies to "My view", in the words of whoever replied, and how far down
-- "What's happened since you told us" each young person has looked.

CREATE TABLE view_replies (
    id               INTEGER PRIMARY KEY,
    view_id          INTEGER NOT NULL REFERENCES views(id),
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    -- made by the app, so a retry is recorded once (NULL: sent without one)
    client_id        TEXT UNIQUE,
    -- exactly as written
    words            TEXT NOT NULL,
    by_name          TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX view_replies_by_young_person ON view_replies (young_person_id, id);
CREATE INDEX view_replies_by_view ON view_replies (view_id);

-- The newest answer the young person has been shown in the list.
CREATE TABLE heard_back_seen (
    young_person_id  TEXT PRIMARY KEY NOT NULL REFERENCES young_people(id),
    seen_up_to       TEXT NOT NULL,
    seen_at          TEXT NOT NULL
);
