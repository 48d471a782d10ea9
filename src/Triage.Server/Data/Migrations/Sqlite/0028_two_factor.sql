-- Authenticator-app sign-in (docs/decisions/0022-two-factor-sign-in.md). The secret is kept only as ASP.NET Core
-- Data Protection ciphertext; a secret with enabled_at NULL is an enrolment the user has not yet confirmed.
-- last_step is the last TOTP time step accepted, so a code seen over a shoulder cannot be replayed in its window.
CREATE TABLE user_two_factor (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret        TEXT NOT NULL,
    enabled_at    TEXT,
    last_step     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- Only a SHA-256 of each single-use recovery code is kept; the codes are shown once.
CREATE TABLE user_recovery_codes (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
