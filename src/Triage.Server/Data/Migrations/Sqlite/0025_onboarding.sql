-- Onboarding at scale. An imported user has no password until they open their activation link;
-- an invite link lets anyone holding it register as a member of one unit. Only a SHA-256 of each
-- link's token is kept: the links exist in clear only in the answer that created them.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('vi', 'en'));

-- One pending link per user; a new one (or a password reset) replaces it.
CREATE TABLE user_activations (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

CREATE TABLE invites (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES org_units (id),
    token_hash       TEXT NOT NULL UNIQUE,
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    -- NULL: as many registrations as come before the link expires or is revoked.
    max_uses         INTEGER CHECK (max_uses > 0),
    uses             INTEGER NOT NULL DEFAULT 0,
    revoked_at       TEXT
);
CREATE INDEX ix_invites_unit ON invites (unit_id);
