-- A responder asks for approval where the case's queue requires it; the owning unit's reviewers are told.
-- SQLite cannot widen a CHECK in place (see 0007, 0012).
CREATE TABLE notifications_new (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    kind          TEXT NOT NULL CHECK (kind IN ('mention', 'assignment', 'escalation', 'breach', 'outcome', 'approval')),
    case_id       INTEGER REFERENCES cases (id),
    from_user_id  INTEGER REFERENCES users (id),
    excerpt       TEXT,
    created_at    TEXT NOT NULL,
    read_at       TEXT
);
INSERT INTO notifications_new (id, user_id, kind, case_id, from_user_id, excerpt, created_at, read_at)
SELECT id, user_id, kind, case_id, from_user_id, excerpt, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
