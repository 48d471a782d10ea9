-- Org units form a tree of any depth. path lists the ids from the root down to the unit
-- itself ('/1/4/12/'), so "is X in Y's subtree" is a prefix test that an index serves.
CREATE TABLE org_units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_units (id),
    code        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL UNIQUE,
    depth       INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_org_units_parent ON org_units (parent_id);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    email            TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name             TEXT NOT NULL,
    unit_id          INTEGER NOT NULL REFERENCES org_units (id),
    password_hash    TEXT,
    -- Changes whenever a session must end: password change, disable, role change.
    security_stamp   TEXT NOT NULL,
    disabled_at      TEXT,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    last_sign_in_at  TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_users_unit ON users (unit_id);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('member', 'reviewer', 'responder', 'coordinator', 'admin')),
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- Only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    prefix        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

-- Append-only and hash-chained: hash = SHA-256 over prev_hash and the event's fields.
CREATE TABLE audit_events (
    id             INTEGER PRIMARY KEY,
    occurred_at    TEXT NOT NULL,
    actor_user_id  INTEGER,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    entity_type    TEXT,
    entity_id      TEXT,
    data           TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_user_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TABLE taxonomy_terms (
    kind        TEXT NOT NULL CHECK (kind IN ('verdict', 'category', 'platform')),
    code        TEXT NOT NULL,
    label_vi    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    sort_order  INTEGER NOT NULL,
    PRIMARY KEY (kind, code)
) WITHOUT ROWID;

-- Small facts about this desk, e.g. when the demo seed was loaded.
CREATE TABLE desk_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
