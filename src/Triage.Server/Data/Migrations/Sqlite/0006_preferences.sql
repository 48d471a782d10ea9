-- Per-user settings. Screenshots of reported posts are blurred until clicked unless the user turns that off.
ALTER TABLE users ADD COLUMN blur_evidence INTEGER NOT NULL DEFAULT 1 CHECK (blur_evidence IN (0, 1));
