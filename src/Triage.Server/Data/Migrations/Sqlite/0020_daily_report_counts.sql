-- Reports per local day (the desk's time zone), reporter unit and platform, kept by DailyReportCounts as
-- reports arrive, so a dashboard over months sums a few thousand rows instead of counting every report.
CREATE TABLE daily_report_counts (
    day       TEXT NOT NULL,     -- yyyy-MM-dd in Triage:TimeZone
    unit_id   INTEGER NOT NULL REFERENCES org_units (id),
    platform  TEXT NOT NULL,     -- 'other' when the report named none
    reports   INTEGER NOT NULL,
    PRIMARY KEY (day, unit_id, platform)
) WITHOUT ROWID;

-- How far each rollup has read; a rollup resumes after a restart from here, so nothing is counted twice.
CREATE TABLE rollup_watermarks (
    name     TEXT PRIMARY KEY,
    last_id  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_cases_first_reported ON cases (first_reported_at);
