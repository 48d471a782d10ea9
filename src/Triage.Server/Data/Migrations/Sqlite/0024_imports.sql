-- Reports a coordinator brought in from a file (a chat group's sheet, a form's answers): one row per
-- committed import, and each imported report names its import, so any report can be traced to the file it
-- came from (sha256 of the bytes as uploaded). Dry runs leave no row.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    unit_id     INTEGER NOT NULL REFERENCES org_units (id),
    file_name   TEXT,
    sha256      TEXT NOT NULL,
    rows        INTEGER NOT NULL,  -- data rows read from the file
    created     INTEGER NOT NULL,  -- rows that opened a new case
    merged      INTEGER NOT NULL,  -- rows that joined an open case (or one an earlier row opened)
    skipped     INTEGER NOT NULL,  -- rows left out for their errors
    created_at  TEXT NOT NULL
);

ALTER TABLE reports ADD COLUMN import_id INTEGER REFERENCES imports (id);
CREATE INDEX ix_reports_import ON reports (import_id) WHERE import_id IS NOT NULL;
