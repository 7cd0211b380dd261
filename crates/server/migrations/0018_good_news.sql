-- "Share good news" (issue 20): what a young person shares with their worker, and the
-- replies of their worker or the worker's manager.

CREATE TABLE good_news (
    id               INTEGER PRIMARY KEY,
    young_person_id  TEXT NOT NULL REFERENCES young_people(id),
    -- made by the app, so a retry is recorded once
    client_id        TEXT NOT NULL UNIQUE,
    -- a quick choice of what it is about; NULL: none chosen
    about            TEXT CHECK (about IN ('school', 'friends_family', 'home',
                                           'something_i_did', 'how_i_feel', 'something_else')),
    -- exactly as typed; NULL: no words
    words            TEXT,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX good_news_by_young_person ON good_news (young_person_id, id);

CREATE TABLE good_news_replies (
    id            INTEGER PRIMARY KEY,
    good_news_id  INTEGER NOT NULL REFERENCES good_news(id),
    -- made by the app when it sends one, so a retry is recorded once
    client_id     TEXT UNIQUE,
    words         TEXT NOT NULL,
    by_name       TEXT NOT NULL,
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX good_news_replies_by_news ON good_news_replies (good_news_id, id);
