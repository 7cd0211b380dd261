-- The organisation's complaints officer (issue 19, item 3). A concern about a worker who
-- is a manager never goes to that manager: it goes to a complaints officer if the
-- organisation has one, else to another manager. An administrator names one with
-- `journey-server admin complaints-officer --username NAME` (a manager's account).
-- 1: this manager is a complaints officer.
ALTER TABLE workers ADD COLUMN complaints_officer INTEGER NOT NULL DEFAULT 0;
