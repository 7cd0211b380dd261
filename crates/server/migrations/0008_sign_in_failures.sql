-- Wrong passwords and wrong invite codes, counted here rather than in each server's
-- memory, so that servers sharing one database count the same: behind a load balancer a
-- guesser gets no fresh count from another server. Keys ("account:<name>",
-- "address:<ip>") are kept only as SHA-256, and rows older than the window are deleted
-- as new ones come.
CREATE TABLE sign_in_failures (
    key_hash  TEXT NOT NULL,
    -- unix milliseconds
    at        INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key_hash, at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at);
