-- The dashboard reads each figure through an index that holds what it needs (decision 0017): the backlog,
-- the per-unit figures and cases by classification from one covering the owner, status, age, pending due
-- and classification, walked unit by unit of the subtree; each time and deadline from its own column.
-- 0020's index on the first report alone drew the queue's age order away from ix_cases_queue_age.
DROP INDEX ix_cases_first_reported;
CREATE INDEX ix_cases_owner_open ON cases (owner_unit_id, status, first_reported_at, sla_due_at, category, verdict);
CREATE INDEX ix_cases_classified ON cases (classified_at) WHERE classified_at IS NOT NULL;
CREATE INDEX ix_cases_triage_due ON cases (triage_due_at) WHERE triage_due_at IS NOT NULL;
CREATE INDEX ix_cases_response_due ON cases (response_due_at) WHERE response_due_at IS NOT NULL;
CREATE INDEX ix_cases_report_count ON cases (report_count);
CREATE INDEX ix_counter_messages_published ON counter_messages (published_at, case_id) WHERE status = 'published';
