-- Retention and erasure (decision 0020). A finished case remembers when it finished, so the retention job finds the
-- cases whose reporters' data is due for erasure through an index instead of reading the audit log.
ALTER TABLE cases ADD COLUMN closed_at TEXT;
-- When the case's reports were last erased; cleared whenever a report arrives in it (see the triggers below), so
-- "erased_at IS NULL" means "may hold something still to erase".
ALTER TABLE cases ADD COLUMN erased_at TEXT;
-- Set when the report lost the link to its reporter: the keyed pseudonym exports give that reporter, so counts of
-- distinct reporters agree before and after. reporter_user_id then names the desk's one erased-reporter user.
ALTER TABLE reports ADD COLUMN reporter_pseudonym TEXT;

-- The finishing time of cases finished before this migration: their last close, dismissal or merge, else their
-- last write (never earlier than the real finish, so nothing is erased early).
UPDATE cases SET closed_at = coalesce(
    (SELECT max(e.occurred_at) FROM audit_events e
     WHERE e.entity_type = 'case' AND e.entity_id = CAST(cases.id AS TEXT) AND e.action IN ('CloseCase', 'DismissCase', 'MergeCase')),
    updated_at)
WHERE status IN ('closed', 'dismissed', 'merged');

-- Every status change goes through one UPDATE that also sets updated_at to the request's clock (CaseWrites).
CREATE TRIGGER cases_closed_at AFTER UPDATE OF status ON cases
WHEN (OLD.status IN ('closed', 'dismissed', 'merged')) <> (NEW.status IN ('closed', 'dismissed', 'merged'))
BEGIN
    UPDATE cases SET closed_at = CASE WHEN NEW.status IN ('closed', 'dismissed', 'merged') THEN NEW.updated_at END
    WHERE id = NEW.id;
END;

-- A report that arrives in a case already erased (reopened and reported again, or merged or split into it) makes it
-- due again once it is finished and old enough; only its reports not yet erased are touched then.
CREATE TRIGGER reports_unerase_case_on_insert AFTER INSERT ON reports
BEGIN
    UPDATE cases SET erased_at = NULL WHERE id = NEW.case_id AND erased_at IS NOT NULL;
END;

CREATE TRIGGER reports_unerase_case_on_move AFTER UPDATE OF case_id ON reports
WHEN OLD.case_id IS NOT NEW.case_id
BEGIN
    UPDATE cases SET erased_at = NULL WHERE id = NEW.case_id AND erased_at IS NOT NULL;
END;

-- The job's scan: finished cases not yet erased, oldest finish first. Merged cases hold no reports (theirs moved).
CREATE INDEX ix_cases_erasable ON cases (closed_at) WHERE erased_at IS NULL AND status IN ('closed', 'dismissed');

-- Screenshot files whose last reference was erased: the files are deleted after the erasing transaction commits,
-- by the job under the write gate, so a crash in between leaves a row here to finish later, never a lost file
-- that a report still points at.
CREATE TABLE erased_files (
    sha256     TEXT PRIMARY KEY,
    erased_at  TEXT NOT NULL
) WITHOUT ROWID;
