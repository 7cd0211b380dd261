-- Sign-in limits that hold when many guesses come at once (issue 19, items 1, 2 and 7).

-- Each attempt is counted before its password is checked, in the same write that finds
-- it is still within the limits; `attempt` names the rows one attempt added, so that a
-- right password (or a sign-up that works) takes back its own rows and no one else's.
-- NULL: a failure counted before this column came.
ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT;

-- Secrets the server makes for itself once, shared by every server on this database:
-- "device" signs the device tokens that let a browser which has signed in before past
-- wrong passwords sent from elsewhere. Random bytes as hex.
CREATE TABLE server_secrets (
    name   TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
