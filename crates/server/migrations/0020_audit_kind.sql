-- The audit log as a screen (issue 21, item 2): what each entry is about, to filter by.
-- New entries get theirs from `AuditKind::of_action` in crates/core/src/audit.rs; the
-- ones already written get it here, by the same rules in the same order.
ALTER TABLE audit_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';

UPDATE audit_log SET kind = CASE
    WHEN organisation = 1 THEN 'organisation'
    WHEN action LIKE '%concern%' THEN 'concerns'
    WHEN action LIKE '%review%' THEN 'reviews'
    WHEN action LIKE '%safety flag%' OR action LIKE '%check-in%'
         OR action LIKE '%checked in%' OR action LIKE '%feel safe%' THEN 'safety'
    WHEN action LIKE '%goal%' THEN 'goals'
    WHEN action LIKE '%session%' OR action LIKE '%feedback%' THEN 'feedback'
    WHEN action LIKE '%plan%' OR action LIKE '%view%'
         OR action LIKE '%changed the worker%' THEN 'plan'
    WHEN action LIKE '%signed in%' OR action LIKE '%account%' OR action LIKE '%password%'
         OR action LIKE '%invite code%' OR action LIKE '%young person%'
         OR action LIKE '%team%' THEN 'accounts'
    ELSE 'other'
END;

CREATE INDEX audit_by_kind ON audit_log (team_id, kind, id);
