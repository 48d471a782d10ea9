-- The reviewer's queue. priority is CasePriority.Of stored, so a queue can be keyset-paged by it
-- over an index: reports (5 each, at most 50) + severity (10 a level, unclassified 2) + age
-- (whole hours since the first report, at most 48, only while open).
--
-- The triggers keep it true for every writer, present and future, without each handler
-- remembering to: whatever changes report_count, severity, status or first_reported_at recomputes
-- it, with the age taken at the row's updated_at (every case write sets it to the request's
-- clock, so a fake clock in tests and the real one agree). Between writes only the age part
-- grows; PriorityRefresher moves it on from TimeProvider every few minutes. If CasePriority's
-- constants change, a later migration must replace these triggers (a test compares them).
ALTER TABLE cases ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;

UPDATE cases SET priority =
    min(report_count * 5, 50) + 10 * ifnull(severity, 2)
    + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
           THEN min(48, max(0, CAST(round((julianday('now') - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
           ELSE 0 END;

CREATE TRIGGER cases_priority_on_insert AFTER INSERT ON cases
BEGIN
    UPDATE cases SET priority =
        min(report_count * 5, 50) + 10 * ifnull(severity, 2)
        + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
               THEN min(48, max(0, CAST(round((julianday(updated_at) - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
               ELSE 0 END
    WHERE id = NEW.id;
END;

CREATE TRIGGER cases_priority_on_change AFTER UPDATE OF report_count, severity, status, first_reported_at, updated_at ON cases
BEGIN
    UPDATE cases SET priority =
        min(report_count * 5, 50) + 10 * ifnull(severity, 2)
        + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
               THEN min(48, max(0, CAST(round((julianday(updated_at) - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
               ELSE 0 END
    WHERE id = NEW.id;
END;

-- One index per queue order. Each is the sort key, then id (the tie-break and the cursor's second
-- half), then status and owner_unit_id, so the scope and status checks read the index alone and
-- only the rows of the page, or of a narrower filter, visit the table. The age index also serves
-- PriorityRefresher's "first reported in the last 49 hours".
CREATE INDEX ix_cases_queue_priority ON cases (priority DESC, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_age ON cases (first_reported_at, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_reports ON cases (report_count DESC, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_recent ON cases (last_reported_at DESC, id, status, owner_unit_id);

-- A reviewer's named queue filters; private to them.
CREATE TABLE saved_views (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    name        TEXT NOT NULL,
    filter      TEXT NOT NULL CHECK (json_valid(filter)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (user_id, name)
);
