-- Priority gains two parts (docs/decisions/0011-priority-reach.md): reach, estimated from how widely a case
-- was reported (distinct reporting units, distinct platforms), and the routing boost of 0008.
-- priority = min(5 * report_count, 50) + min(4 * (units - 1) + 4 * (platforms - 1), 20) + severity + age + boost.
--
-- The two counts live on the case so the priority triggers read one row, as before. They are kept by
-- triggers on the tables that hold them, so intake, merge, split and any later writer keep them right
-- without knowing about them. Units: a case has few, so every change recounts its rows of
-- case_reporter_units (a primary-key range). Platforms: a viral case can hold thousands of reports and a
-- merge moves them one row at a time, so a case is recounted only when a platform appears in it for the
-- first time or its last report of a platform leaves; the recount reads ix_reports_case_platform alone.
-- Recounting rather than adding one keeps the count exact even after an INSERT OR REPLACE, whose
-- implicit delete fires no trigger.
ALTER TABLE cases ADD COLUMN reporter_unit_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN platform_count INTEGER NOT NULL DEFAULT 0;

-- (case_id, platform) serves every lookup (case_id) did, so the narrower index goes.
CREATE INDEX ix_reports_case_platform ON reports (case_id, platform);
DROP INDEX ix_reports_case;

UPDATE cases SET
    reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = cases.id),
    platform_count = (SELECT count(DISTINCT platform) FROM reports WHERE case_id = cases.id);

CREATE TRIGGER case_reporter_units_count_on_insert AFTER INSERT ON case_reporter_units
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = NEW.case_id)
    WHERE id = NEW.case_id;
END;

CREATE TRIGGER case_reporter_units_count_on_delete AFTER DELETE ON case_reporter_units
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = OLD.case_id)
    WHERE id = OLD.case_id;
END;

CREATE TRIGGER case_reporter_units_count_on_move AFTER UPDATE OF case_id ON case_reporter_units
WHEN OLD.case_id IS NOT NEW.case_id
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = cases.id)
    WHERE id IN (OLD.case_id, NEW.case_id);
END;

CREATE TRIGGER reports_platform_count_on_insert AFTER INSERT ON reports
WHEN NEW.platform IS NOT NULL
BEGIN
    UPDATE cases SET platform_count = (SELECT count(DISTINCT platform) FROM reports WHERE case_id = NEW.case_id)
    WHERE id = NEW.case_id
      AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = NEW.case_id AND platform = NEW.platform AND id <> NEW.id);
END;

CREATE TRIGGER reports_platform_count_on_delete AFTER DELETE ON reports
WHEN OLD.platform IS NOT NULL
BEGIN
    UPDATE cases SET platform_count = (SELECT count(DISTINCT platform) FROM reports WHERE case_id = OLD.case_id)
    WHERE id = OLD.case_id
      AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = OLD.case_id AND platform = OLD.platform);
END;

-- A report that moves or changes platform may end one platform in its old case and start one in its new.
CREATE TRIGGER reports_platform_count_on_move AFTER UPDATE OF case_id, platform ON reports
WHEN OLD.case_id IS NOT NEW.case_id OR OLD.platform IS NOT NEW.platform
BEGIN
    UPDATE cases SET platform_count = (SELECT count(DISTINCT platform) FROM reports WHERE case_id = OLD.case_id)
    WHERE id = OLD.case_id AND OLD.platform IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = OLD.case_id AND platform = OLD.platform);
    UPDATE cases SET platform_count = (SELECT count(DISTINCT platform) FROM reports WHERE case_id = NEW.case_id)
    WHERE id = NEW.case_id AND NEW.platform IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = NEW.case_id AND platform = NEW.platform AND id <> NEW.id);
END;

-- The priority triggers of 0004, with reach and boost. Age is still taken at the row's updated_at, and
-- PriorityRefresher (PrioritySql.Score, the same expression) still moves it on between writes.
DROP TRIGGER cases_priority_on_insert;
DROP TRIGGER cases_priority_on_change;

CREATE TRIGGER cases_priority_on_insert AFTER INSERT ON cases
BEGIN
    UPDATE cases SET priority =
        min(report_count * 5, 50)
        + min(4 * max(0, reporter_unit_count - 1) + 4 * max(0, platform_count - 1), 20)
        + 10 * ifnull(severity, 2)
        + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
               THEN min(48, max(0, CAST(round((julianday(updated_at) - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
               ELSE 0 END
        + priority_boost
    WHERE id = NEW.id;
END;

CREATE TRIGGER cases_priority_on_change
AFTER UPDATE OF report_count, reporter_unit_count, platform_count, severity, status, first_reported_at, updated_at, priority_boost ON cases
BEGIN
    UPDATE cases SET priority =
        min(report_count * 5, 50)
        + min(4 * max(0, reporter_unit_count - 1) + 4 * max(0, platform_count - 1), 20)
        + 10 * ifnull(severity, 2)
        + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
               THEN min(48, max(0, CAST(round((julianday(updated_at) - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
               ELSE 0 END
        + priority_boost
    WHERE id = NEW.id;
END;

-- Existing rows, with the age at the time of migrating, as 0004 did; the refresher's first pass retakes it.
UPDATE cases SET priority =
    min(report_count * 5, 50)
    + min(4 * max(0, reporter_unit_count - 1) + 4 * max(0, platform_count - 1), 20)
    + 10 * ifnull(severity, 2)
    + CASE WHEN status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
           THEN min(48, max(0, CAST(round((julianday('now') - julianday(first_reported_at)) * 86400000) AS INTEGER) / 3600000))
           ELSE 0 END
    + priority_boost;
