-- The organisation's administrators (issue 19, item 6): the help content belongs to the
-- whole organisation, so only an administrator changes it, not any team's manager. Set
-- with `journey-server admin grant-admin --username NAME`; 0 or 1.
ALTER TABLE accounts ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;

-- Audit rows about the whole organisation (the help content, the nation, who is an
-- administrator), which its administrators read; 0 or 1.
ALTER TABLE audit_log ADD COLUMN organisation INTEGER NOT NULL DEFAULT 0;
