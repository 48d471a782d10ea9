-- A verdict or category is retired rather than deleted: cases, reports, rules and library messages keep its code,
-- and its labels, after it is no longer offered (docs/decisions/0021-admin-settings-and-retired-terms.md).
ALTER TABLE taxonomy_terms ADD COLUMN retired_at TEXT;
