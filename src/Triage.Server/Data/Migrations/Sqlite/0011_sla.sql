-- SLA: per queue and severity, how long triage and the first counter-message may take.
-- severity 0 is the queue's policy for any severity without a row of its own, unclassified cases included
-- (0 rather than NULL so the primary key holds: SQLite's UNIQUE lets NULLs repeat).
-- A queue deleted (only when empty, see DeleteQueue) takes its policies with it.
CREATE TABLE sla_policies (
    queue_id          INTEGER NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
    severity          INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
    triage_minutes    INTEGER NOT NULL CHECK (triage_minutes > 0),
    response_minutes  INTEGER NOT NULL CHECK (response_minutes > 0),
    business_hours    INTEGER NOT NULL DEFAULT 0 CHECK (business_hours IN (0, 1)),
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (queue_id, severity)
) WITHOUT ROWID;

-- The clocks of a case. sla_started_at is when it entered its current queue (or came back from closed or
-- dismissed); the due times are computed in C# (SlaDues, business hours in the desk's zone) from it and the
-- policy. The triggers below only mark a case whose queue, severity or reopening makes its dues stale; every
-- command's transaction (SlaDuesBehavior) and each watcher pass compute the marked ones, so no writer,
-- present or future (routing rules included), has to remember to.
ALTER TABLE cases ADD COLUMN sla_started_at TEXT;
ALTER TABLE cases ADD COLUMN sla_stale INTEGER NOT NULL DEFAULT 0 CHECK (sla_stale IN (0, 1));
ALTER TABLE cases ADD COLUMN triage_due_at TEXT;
ALTER TABLE cases ADD COLUMN response_due_at TEXT;
-- The pending due: triage's while the case waits for triage (new, escalated), the response's while it waits
-- for a first counter-message (triaged, assigned), none once responded or finished. Kept by trigger because
-- every status change, by any handler, moves it.
ALTER TABLE cases ADD COLUMN sla_due_at TEXT;
-- The pending due whose breach the watcher has recorded: the watcher looks only at cases where it differs.
ALTER TABLE cases ADD COLUMN sla_breach_due_at TEXT;

-- No policy exists yet, so no case has dues to compute; a policy set later times its queue's open cases from here.
UPDATE cases SET sla_started_at = updated_at WHERE status IN ('new', 'triaged', 'assigned', 'escalated');

CREATE TRIGGER cases_sla_on_insert AFTER INSERT ON cases
BEGIN
    UPDATE cases SET sla_started_at = NEW.created_at, sla_stale = 1 WHERE id = NEW.id;
END;

-- A new queue restarts both clocks; so does coming back from closed or dismissed. A new severity only
-- picks another policy: the clocks keep their start.
CREATE TRIGGER cases_sla_on_move AFTER UPDATE OF queue_id, status ON cases
WHEN OLD.queue_id IS NOT NEW.queue_id
  OR (OLD.status IN ('closed', 'dismissed', 'merged') AND NEW.status IN ('new', 'triaged', 'assigned', 'escalated'))
BEGIN
    UPDATE cases SET sla_started_at = NEW.updated_at, sla_stale = 1 WHERE id = NEW.id;
END;

CREATE TRIGGER cases_sla_on_severity AFTER UPDATE OF severity ON cases
WHEN OLD.severity IS NOT NEW.severity
BEGIN
    UPDATE cases SET sla_stale = 1 WHERE id = NEW.id;
END;

CREATE TRIGGER cases_sla_pending AFTER UPDATE OF status, triage_due_at, response_due_at ON cases
BEGIN
    UPDATE cases SET sla_due_at = CASE
        WHEN NEW.status IN ('new', 'escalated') THEN NEW.triage_due_at
        WHEN NEW.status IN ('triaged', 'assigned') THEN NEW.response_due_at
        END
    WHERE id = NEW.id AND sla_due_at IS NOT (CASE
        WHEN NEW.status IN ('new', 'escalated') THEN NEW.triage_due_at
        WHEN NEW.status IN ('triaged', 'assigned') THEN NEW.response_due_at
        END);
END;

-- The dues still to compute: few at any time.
CREATE INDEX ix_cases_sla_stale ON cases (id) WHERE sla_stale = 1;
-- The queue's "SLA due" order: soonest first, cases without a pending due last (the '~' sorts after any time).
CREATE INDEX ix_cases_queue_sla ON cases (ifnull(sla_due_at, '~'), id, status, owner_unit_id);
-- The watcher's scan: pending dues not yet recorded as breached, by due time.
CREATE INDEX ix_cases_sla_watch ON cases (sla_due_at) WHERE sla_due_at IS NOT NULL AND sla_breach_due_at IS NOT sla_due_at;

-- The load table: per owner unit, open cases by status with their oldest first report, and past-due cases,
-- each read from an index alone.
CREATE INDEX ix_cases_owner_status_age ON cases (owner_unit_id, status, first_reported_at);
CREATE INDEX ix_cases_owner_sla ON cases (owner_unit_id, sla_due_at) WHERE sla_due_at IS NOT NULL;

-- One row per missed due time. The key makes the watcher's work idempotent: a pass after a restart that
-- finds a breach already recorded does nothing more for it.
CREATE TABLE sla_breaches (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    kind           TEXT NOT NULL CHECK (kind IN ('triage', 'response')),
    due_at         TEXT NOT NULL,
    unit_id        INTEGER NOT NULL REFERENCES org_units (id),
    escalated_to   INTEGER REFERENCES org_units (id),
    recorded_at    TEXT NOT NULL,
    UNIQUE (case_id, kind, due_at)
);
