-- The audit log page filters by action and by time. Each index holds the rowid (= event id) after its key,
-- so one action's events come out newest first without a sort; a time window is a range read whose few
-- ids are sorted before any row is fetched. Actor and case use the indexes of 0001.
CREATE INDEX ix_audit_events_action ON audit_events (action);
CREATE INDEX ix_audit_events_time ON audit_events (occurred_at);
