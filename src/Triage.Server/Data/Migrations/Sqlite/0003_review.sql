-- Review: what a reviewer decides about a case, and who answers it.
-- escalated_from_unit_id and status_before_escalation let a deescalation put back exactly
-- what the escalation changed. An assigned case always has an assignee.
ALTER TABLE cases ADD COLUMN status_before_escalation TEXT
    CHECK (status_before_escalation IN ('new', 'triaged', 'assigned'));
ALTER TABLE cases ADD COLUMN escalated_from_unit_id INTEGER REFERENCES org_units (id);
ALTER TABLE cases ADD COLUMN merged_into_case_id INTEGER REFERENCES cases (id);
ALTER TABLE cases ADD COLUMN assignee_user_id INTEGER REFERENCES users (id);
ALTER TABLE cases ADD COLUMN outcome TEXT
    CHECK (outcome IN ('responded', 'no_response_needed', 'duplicate', 'out_of_scope'));
ALTER TABLE cases ADD COLUMN classification_note TEXT;
ALTER TABLE cases ADD COLUMN classified_at TEXT;

CREATE INDEX ix_cases_assignee_status ON cases (assignee_user_id, status) WHERE assignee_user_id IS NOT NULL;

-- Reference data (seeds/disarm-techniques.csv, CC BY-SA 4.0): T0002, T0015.001, ...
CREATE TABLE disarm_techniques (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    tactic_id  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE case_techniques (
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    technique_id  TEXT NOT NULL REFERENCES disarm_techniques (id),
    PRIMARY KEY (case_id, technique_id)
) WITHOUT ROWID;
