-- Hidden distress, followed up (issue 16, items 6, 8 and 9).

-- One-off corrections of stored data, each done once at start-up after the migrations
-- (see Store::apply_data_fixes): the name of each fix already done, and when.
CREATE TABLE data_fixes (
    name     TEXT PRIMARY KEY NOT NULL,
    done_at  TEXT NOT NULL
);

-- A "really bad" check-in shows on the worker's list until a member of staff has
-- seen it: who (name and account) and when. NULL: not seen yet.
ALTER TABLE check_ins ADD COLUMN seen_by_name TEXT;
ALTER TABLE check_ins ADD COLUMN seen_by TEXT REFERENCES accounts(id);
ALTER TABLE check_ins ADD COLUMN seen_at TEXT;

-- What the worker chose to say to the young person when they recorded what they did
-- about a safety flag (the young person sees it; `words` stays staff only). NULL: none.
ALTER TABLE safety_actions ADD COLUMN message TEXT;
