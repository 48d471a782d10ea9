-- Outbound webhooks (DESIGN.md). Deliveries are an outbox: a case write inserts its delivery rows in its own
-- transaction, so a rolled-back write sends nothing and a committed one is never lost; a dispatcher sends them later.
CREATE TABLE webhooks (
    id                    INTEGER PRIMARY KEY,
    url                   TEXT NOT NULL,
    events                TEXT NOT NULL,            -- JSON array of event names
    secret                TEXT NOT NULL,            -- kept as given: signing needs it; never answered by the API
    created_by            INTEGER REFERENCES users (id),
    created_at            TEXT NOT NULL,
    disabled_at           TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE webhook_deliveries (
    id                INTEGER PRIMARY KEY,
    webhook_id        INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event             TEXT NOT NULL,
    case_id           INTEGER NOT NULL,
    payload           TEXT NOT NULL,                -- the exact body sent and signed
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'abandoned')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT,
    last_status_code  INTEGER,
    last_error        TEXT,
    created_at        TEXT NOT NULL,
    delivered_at      TEXT
);
-- The dispatcher's scan: pending (never tried) and failed (to be retried) deliveries by due time.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
-- The delivery log of one webhook, newest first.
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
