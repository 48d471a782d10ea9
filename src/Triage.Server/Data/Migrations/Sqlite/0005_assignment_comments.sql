-- Automatic assignment per queue, internal comments with mentions, and the notifications they send.
-- A queue's round-robin pointer is the responder it chose last, so the next choice is "the next id
-- after it", which survives responders being added or disabled without renumbering anything.
ALTER TABLE queues ADD COLUMN assignment_strategy TEXT NOT NULL DEFAULT 'manual'
    CHECK (assignment_strategy IN ('manual', 'round_robin', 'least_load'));
ALTER TABLE queues ADD COLUMN assignment_cap INTEGER CHECK (assignment_cap IS NULL OR assignment_cap > 0);
ALTER TABLE queues ADD COLUMN last_auto_assignee_id INTEGER REFERENCES users (id);

-- Automatic assignment starts from the few responders, not from every user.
CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);

-- The timeline finds the merges into a case through their sources.
CREATE INDEX ix_cases_merged_into ON cases (merged_into_case_id) WHERE merged_into_case_id IS NOT NULL;

CREATE TABLE case_comments (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    author_user_id  INTEGER NOT NULL REFERENCES users (id),
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_case_comments_case ON case_comments (case_id, id);

CREATE TABLE comment_mentions (
    comment_id  INTEGER NOT NULL REFERENCES case_comments (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (comment_id, user_id)
) WITHOUT ROWID;

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    kind          TEXT NOT NULL CHECK (kind IN ('mention', 'assignment')),
    case_id       INTEGER REFERENCES cases (id),
    from_user_id  INTEGER REFERENCES users (id),
    excerpt       TEXT,
    created_at    TEXT NOT NULL,
    read_at       TEXT
);
-- Ids grow with time, so "newest first" is id descending; the partial index answers the unread
-- badge (a count) and the unread list without touching read rows.
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
