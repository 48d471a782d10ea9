-- Counter-messages answer cases; their reach is kept as history rows so a later correction never
-- hides what was reported before. A queue may require a second person's approval before publishing.
CREATE TABLE counter_messages (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    author_user_id  INTEGER NOT NULL REFERENCES users (id),
    kind            TEXT NOT NULL CHECK (kind IN ('debunk', 'clarification', 'prebunk', 'official_information', 'platform_report')),
    channel         TEXT NOT NULL CHECK (channel IN ('facebook', 'tiktok', 'youtube', 'zalo', 'x', 'telegram', 'instagram', 'web', 'other')),
    language        TEXT NOT NULL CHECK (language IN ('vi', 'en')),
    fact            TEXT,
    myth            TEXT,
    fallacy         TEXT,
    text            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'published')),
    approved_by     INTEGER REFERENCES users (id),
    approved_at     TEXT,
    published_url   TEXT,
    published_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status <> 'published' OR (published_url IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX ix_counter_messages_case ON counter_messages (case_id, id);

CREATE TABLE counter_message_reach (
    id                   INTEGER PRIMARY KEY,
    counter_message_id   INTEGER NOT NULL REFERENCES counter_messages (id),
    views                INTEGER CHECK (views >= 0),
    reactions            INTEGER CHECK (reactions >= 0),
    shares               INTEGER CHECK (shares >= 0),
    comments             INTEGER CHECK (comments >= 0),
    recorded_at          TEXT NOT NULL,
    recorded_by          INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX ix_counter_message_reach_message ON counter_message_reach (counter_message_id, id);

ALTER TABLE queues ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0 CHECK (requires_approval IN (0, 1));

-- Reporters hear the outcome of what they reported; SQLite cannot widen a CHECK in place (see 0007).
CREATE TABLE notifications_new (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    kind          TEXT NOT NULL CHECK (kind IN ('mention', 'assignment', 'escalation', 'breach', 'outcome')),
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
