-- The queue's "SLA due" order is now written with coalesce, which PostgreSQL knows too (ifnull is SQLite's);
-- SQLite only uses an expression index when the query spells the expression the same way.
DROP INDEX ix_cases_queue_sla;
CREATE INDEX ix_cases_queue_sla ON cases (coalesce(sla_due_at, '~'), id, status, owner_unit_id);
