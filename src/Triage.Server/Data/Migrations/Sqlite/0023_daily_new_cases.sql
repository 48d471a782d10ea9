-- Cases per day beside reports per day: a report that matched no open case opened one (matched_by is null).
-- The counts start again from the first report, so days already counted get their cases too.
ALTER TABLE daily_report_counts ADD COLUMN new_cases INTEGER NOT NULL DEFAULT 0;
DELETE FROM daily_report_counts;
DELETE FROM rollup_watermarks WHERE name = 'daily_report_counts';
