-- Every unit has an Inbox queue, where new cases it owns arrive; the trigger keeps that true
-- for units added later, however they are added.
CREATE TABLE queues (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    name        TEXT NOT NULL,
    is_inbox    INTEGER NOT NULL DEFAULT 0 CHECK (is_inbox IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (unit_id, name)
);
CREATE UNIQUE INDEX ux_queues_inbox ON queues (unit_id) WHERE is_inbox = 1;

INSERT INTO queues (unit_id, name, is_inbox, created_at)
SELECT id, 'Inbox', 1, created_at FROM org_units;

CREATE TRIGGER org_units_get_an_inbox AFTER INSERT ON org_units
BEGIN
    INSERT INTO queues (unit_id, name, is_inbox, created_at) VALUES (NEW.id, 'Inbox', 1, NEW.created_at);
END;

-- A case gathers the reports of one post or one claim. owner_unit_id is the lowest unit whose
-- subtree holds every reporter (or higher when escalated).
CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    status             TEXT NOT NULL DEFAULT 'new'
                       CHECK (status IN ('new', 'triaged', 'assigned', 'escalated', 'responded', 'closed', 'dismissed', 'merged')),
    version            INTEGER NOT NULL DEFAULT 1,
    title              TEXT NOT NULL,
    platform           TEXT,
    owner_unit_id      INTEGER NOT NULL REFERENCES org_units (id),
    queue_id           INTEGER NOT NULL REFERENCES queues (id),
    report_count       INTEGER NOT NULL DEFAULT 0,
    -- How many distinct report texts feed the case's search row (capped, see SubmitReportHandler).
    search_texts       INTEGER NOT NULL DEFAULT 0,
    first_reported_at  TEXT NOT NULL,
    last_reported_at   TEXT NOT NULL,
    verdict            TEXT,
    category           TEXT,
    severity           INTEGER CHECK (severity BETWEEN 1 AND 4),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX ix_cases_owner_status ON cases (owner_unit_id, status);
CREATE INDEX ix_cases_queue_status ON cases (queue_id, status);

-- The units of a case's reporters: "may read" for their reviewers, without scanning reports.
CREATE TABLE case_reporter_units (
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    unit_id  INTEGER NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (case_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX ix_case_reporter_units_unit ON case_reporter_units (unit_id, case_id);

CREATE TABLE reports (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases (id),
    reporter_user_id  INTEGER NOT NULL REFERENCES users (id),
    reporter_unit_id  INTEGER NOT NULL REFERENCES org_units (id),
    url_raw           TEXT,
    url_canonical     TEXT,
    platform          TEXT,
    text              TEXT,
    text_folded       TEXT,
    text_signature    BLOB,
    category          TEXT,
    note              TEXT,
    matched_by        TEXT CHECK (matched_by IN ('url', 'text')),
    submitted_at      TEXT NOT NULL
);
CREATE INDEX ix_reports_case ON reports (case_id);
CREATE INDEX ix_reports_url ON reports (url_canonical) WHERE url_canonical IS NOT NULL;
CREATE INDEX ix_reports_reporter ON reports (reporter_user_id, id);

-- Locality-sensitive hashes of the texts of each case: a shared band key makes a candidate
-- near-duplicate, confirmed against the signature of the report that brought the key. Keys are
-- kept per case, not per report, so a much-repeated claim does not flood the lookups.
CREATE TABLE case_text_bands (
    band_key   INTEGER NOT NULL,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    PRIMARY KEY (band_key, case_id)
) WITHOUT ROWID;
CREATE INDEX ix_case_text_bands_case ON case_text_bands (case_id);

-- Screenshots, content-addressed: one row and one file per distinct (cleaned) image.
CREATE TABLE evidence (
    sha256        TEXT PRIMARY KEY,
    content_type  TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    created_at    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE report_evidence (
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    position   INTEGER NOT NULL,
    sha256     TEXT NOT NULL REFERENCES evidence (sha256),
    PRIMARY KEY (report_id, position)
) WITHOUT ROWID;
CREATE INDEX ix_report_evidence_sha ON report_evidence (sha256);

-- A retried submit with the same key returns the first answer instead of a second report.
CREATE TABLE idempotency_keys (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    key         TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- Search-folded title and report texts of each case, for similar-case search (rowid = case id).
-- Porter stemming joins English plurals and tenses; on folded Vietnamese it only turns a final y
-- after a vowel into i (hay/hai, tay/tai), which folding has already made ambiguous (decision 0006).
CREATE VIRTUAL TABLE case_search USING fts5 (title, body, tokenize = 'porter unicode61 remove_diacritics 2');
