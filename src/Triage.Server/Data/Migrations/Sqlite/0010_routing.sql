-- Queues set up by coordinators, and the routing rules that place cases in them (decision 0012).
ALTER TABLE queues ADD COLUMN default_order TEXT NOT NULL DEFAULT 'priority'
    CHECK (default_order IN ('priority', 'age', 'reports', 'sla'));

-- A rule belongs to a unit and is tried among that unit's rules by position. List conditions are JSON
-- arrays (NULL: no condition); keywords_folded holds the keywords in the form case_search holds text,
-- so applying a rule never folds anything. within_unit_id is kept as an id, not a path: units move.
CREATE TABLE routing_rules (
    id                   INTEGER PRIMARY KEY,
    unit_id              INTEGER NOT NULL REFERENCES org_units (id),
    name                 TEXT NOT NULL,
    enabled              INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    position             INTEGER NOT NULL,
    platforms            TEXT,
    categories           TEXT,
    verdicts             TEXT,
    severities           TEXT,
    min_severity         INTEGER CHECK (min_severity BETWEEN 1 AND 4),
    keywords             TEXT,
    keywords_folded      TEXT,
    within_unit_id       INTEGER REFERENCES org_units (id),
    min_reports          INTEGER CHECK (min_reports > 0),
    target_queue_id      INTEGER NOT NULL REFERENCES queues (id),
    priority_boost       INTEGER NOT NULL DEFAULT 0 CHECK (priority_boost BETWEEN 0 AND 100),
    assignment_strategy  TEXT CHECK (assignment_strategy IN ('manual', 'round_robin', 'least_load')),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX ix_routing_rules_unit ON routing_rules (unit_id, position);
CREATE INDEX ix_routing_rules_target ON routing_rules (target_queue_id);
