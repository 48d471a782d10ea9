-- A routing rule may raise a case's priority by a fixed amount; the amount is kept on the case so the
-- score stays recomputable from its parts. The priority triggers take it into account from 0009 on.
ALTER TABLE cases ADD COLUMN priority_boost INTEGER NOT NULL DEFAULT 0 CHECK (priority_boost BETWEEN 0 AND 100);
