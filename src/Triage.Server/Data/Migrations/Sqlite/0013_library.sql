-- Library of approved messages: texts a responder starts a counter-message from, tagged by category,
-- claim and DISARM countermeasure, counted when used and remembered per case so that a case's
-- similar cases can suggest what already worked.

-- Reference data (seeds/disarm-countermeasures.csv, CC BY-SA 4.0): C00006, C00042, ...
CREATE TABLE disarm_countermeasures (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    metatechnique  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE library_messages (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL,
    text                TEXT NOT NULL,
    language            TEXT NOT NULL CHECK (language IN ('vi', 'en')),
    category            TEXT NOT NULL,
    claim               TEXT,
    created_by_user_id  INTEGER NOT NULL REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    usage_count         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE library_message_countermeasures (
    message_id         INTEGER NOT NULL REFERENCES library_messages (id),
    countermeasure_id  TEXT NOT NULL REFERENCES disarm_countermeasures (id),
    PRIMARY KEY (message_id, countermeasure_id)
) WITHOUT ROWID;

CREATE TABLE library_usage (
    id               INTEGER PRIMARY KEY,
    message_id       INTEGER NOT NULL REFERENCES library_messages (id),
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    used_by_user_id  INTEGER NOT NULL REFERENCES users (id),
    used_at          TEXT NOT NULL
);

CREATE INDEX ix_library_usage_case ON library_usage (case_id, message_id);

-- rowid = library_messages.id. Holds SearchText.Fold of each part, written by the save handler:
-- unicode61 alone does not fold đ, so "dich benh" would miss "dịch bệnh".
CREATE VIRTUAL TABLE library_search USING fts5 (title, text, claim, tokenize = 'porter unicode61 remove_diacritics 2');
