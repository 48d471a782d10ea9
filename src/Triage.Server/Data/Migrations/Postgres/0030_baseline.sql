-- The PostgreSQL schema: the end state of Sqlite/0001…0030 in one step, so a new PostgreSQL desk starts where a
-- SQLite desk is now and both folders go on from 0031 with the same numbers. The SQLite files explain each table;
-- only what PostgreSQL does differently is said here. The migrator runs this in one transaction and keeps
-- schema_migrations itself. The database is created with C collation (LC_COLLATE 'C'): times, paths and the
-- '~' of "no due" sort and compare byte by byte, as SQLite's BINARY does.
--
-- Types. Every integer is bigint: Dapper reads SQLite's integers as Int64 and the records expect long. Times and
-- JSON stay text: the app writes ISO-8601 UTC with 7 fractional digits and compares them as text, and the audit
-- chain hashes the stored text (timestamptz would lose the 7th digit, jsonb would reorder keys). The six 0/1 flags
-- (queues.is_inbox, queues.requires_approval, users.blur_evidence, routing_rules.enabled,
-- sla_policies.business_hours, cases.sla_stale) are boolean; SQLite reads the TRUE/FALSE the SQL now writes as 1/0.
--
-- Ids. The database assigns them (identity, as SQLite's INTEGER PRIMARY KEY does when the insert names no id):
-- users, api_tokens, queues, cases, reports, saved_views, case_comments, notifications, routing_rules,
-- sla_breaches, counter_messages, counter_message_reach, library_messages, library_usage, webhooks,
-- webhook_deliveries, imports, invites. BY DEFAULT, so a copy from SQLite can keep its ids (it must then setval
-- each sequence past the highest id). The application assigns them (plain bigint primary key): org_units
-- (max + 1, AddUnitHandler, Seeder), audit_events (head + 1: the chain hashes the id, AuditTrail),
-- case_search.rowid and library_search.rowid (the case's and the message's id), and the one-row-per-user tables
-- user_activations and user_two_factor (the user's id).

-- COLLATE NOCASE (org_units.code, users.email) becomes citext. citext alone compares case-insensitively only with
-- another citext: Npgsql binds a string as text, and "email = $1::text" would resolve to text = text
-- (case-sensitive, no index). The operators below take citext = text first; being inlinable SQL they become
-- "email = $1::citext", which the unique index serves. Under C ctype both fold ASCII letters only, as NOCASE does.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE FUNCTION citext_eq_text(citext, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1 = $2::citext';
CREATE FUNCTION text_eq_citext(text, citext) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1::citext = $2';
CREATE FUNCTION citext_ne_text(citext, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1 <> $2::citext';
CREATE FUNCTION text_ne_citext(text, citext) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1::citext <> $2';
CREATE OPERATOR = (LEFTARG = citext, RIGHTARG = text, FUNCTION = citext_eq_text,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR = (LEFTARG = text, RIGHTARG = citext, FUNCTION = text_eq_citext,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = citext, RIGHTARG = text, FUNCTION = citext_ne_text,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR <> (LEFTARG = text, RIGHTARG = citext, FUNCTION = text_ne_citext,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);

-- SQLite's julianday for the times the app stores ('YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH:MM]', or a date alone),
-- computed as SQLite does (date.c): whole milliseconds from the Julian epoch, the seconds rounded half up to the
-- millisecond with the fraction capped at .999, divided by 86400000.0. The same doubles as SQLite's, so
-- PrioritySql's "round((julianday(a) - julianday(b)) * 86400000)" gives the same milliseconds on both.
-- NULL for text SQLite would not read as such a time ('now' and bare day numbers are not supported).
CREATE FUNCTION julianday(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    p text[] := regexp_match(value,
        '^\s*(\d{4})-(\d\d)-(\d\d)(?:[Tt ]+(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(?:([Zz])|([+-])(\d\d):(\d\d))?\s*$');
    y bigint; m bigint; d bigint; hh bigint; mi bigint; s bigint;
    fraction double precision := 0;
    seconds double precision;
    a bigint; b bigint;
    jd bigint;
BEGIN
    IF p IS NULL THEN RETURN NULL; END IF;
    y := p[1]::bigint; m := p[2]::bigint; d := p[3]::bigint;
    hh := coalesce(p[4], '0')::bigint; mi := coalesce(p[5], '0')::bigint; s := coalesce(p[6], '0')::bigint;
    IF m NOT BETWEEN 1 AND 12 OR d NOT BETWEEN 1 AND 31 OR hh > 24 OR mi > 59 OR s > 59 THEN RETURN NULL; END IF;
    IF p[7] IS NOT NULL THEN
        fraction := least(p[7]::numeric::double precision / (10::double precision ^ length(p[7])), 0.999);
    END IF;
    seconds := s + fraction;
    IF m <= 2 THEN y := y - 1; m := m + 12; END IF;
    a := y / 100;
    b := 2 - a + a / 4;
    jd := trunc(((36525 * (y + 4716) / 100) + (306001 * (m + 1) / 10000) + d + b - 1524.5) * 86400000)::bigint;
    jd := jd + hh * 3600000 + mi * 60000 + trunc(seconds * 1000 + 0.5)::bigint;
    IF p[9] IS NOT NULL THEN
        jd := jd - (CASE p[9] WHEN '-' THEN -1 ELSE 1 END) * (p[10]::bigint * 60 + p[11]::bigint) * 60000;
    END IF;
    RETURN jd / 86400000.0::double precision;
END
$$;

-- SQLite's json_valid for the saved_views CHECK: true for well-formed JSON text, false otherwise (json, not jsonb,
-- whose parser refuses \u0000 that JSON allows).
CREATE FUNCTION json_valid(value text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    PERFORM value::json;
    RETURN true;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN false;
END
$$;

-- Search text is folded by the app (TextFold: lower case, diacritics off, đ → d, only letters and digits between
-- single spaces), so no unaccent here. SQLite's 'porter unicode61' kept every word and stemmed it; this keeps every
-- word too (a Snowball English stemmer without a stop-word list: "an", "me", "can", "the" are also folded
-- Vietnamese syllables) and keeps numbers as they are.
CREATE TEXT SEARCH DICTIONARY triage_english_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION triage (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION triage
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH triage_english_stem;

-- 0001 foundation ----------------------------------------------------------------------------------------------

CREATE TABLE org_units (
    id          bigint PRIMARY KEY,
    parent_id   bigint REFERENCES org_units (id),
    code        citext NOT NULL UNIQUE,
    name        text NOT NULL,
    path        text NOT NULL UNIQUE,
    depth       bigint NOT NULL,
    created_at  text NOT NULL
);
CREATE INDEX ix_org_units_parent ON org_units (parent_id);

CREATE TABLE users (
    id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email            citext NOT NULL UNIQUE,
    name             text NOT NULL,
    unit_id          bigint NOT NULL REFERENCES org_units (id),
    password_hash    text,
    security_stamp   text NOT NULL,
    disabled_at      text,
    failed_sign_ins  bigint NOT NULL DEFAULT 0,
    locked_until     text,
    last_sign_in_at  text,
    created_at       text NOT NULL,
    blur_evidence    boolean NOT NULL DEFAULT TRUE,
    language         text CHECK (language IN ('vi', 'en')),
    time_zone        text
);
CREATE INDEX ix_users_unit ON users (unit_id);

CREATE TABLE user_roles (
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('member', 'reviewer', 'responder', 'coordinator', 'admin')),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);

CREATE TABLE api_tokens (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    name          text NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    prefix        text NOT NULL,
    created_at    text NOT NULL,
    last_used_at  text,
    revoked_at    text
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_events (
    id             bigint PRIMARY KEY,
    occurred_at    text NOT NULL,
    actor_user_id  bigint,
    actor          text NOT NULL,
    action         text NOT NULL,
    entity_type    text,
    entity_id      text,
    data           text NOT NULL,
    prev_hash      text NOT NULL,
    hash           text NOT NULL
);
CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_user_id);
CREATE INDEX ix_audit_events_action ON audit_events (action);
CREATE INDEX ix_audit_events_time ON audit_events (occurred_at);

-- SQLite's RAISE(ABORT) is a constraint error; so is this (class 23). TRUNCATE, which SQLite lacks, is refused too.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE taxonomy_terms (
    kind        text NOT NULL CHECK (kind IN ('verdict', 'category', 'platform')),
    code        text NOT NULL,
    label_vi    text NOT NULL,
    label_en    text NOT NULL,
    sort_order  bigint NOT NULL,
    retired_at  text,
    PRIMARY KEY (kind, code)
);

CREATE TABLE desk_state (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

-- 0002 intake, with the queue columns of 0005, 0010 and 0012 ----------------------------------------------------

CREATE TABLE queues (
    id                     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    unit_id                bigint NOT NULL REFERENCES org_units (id),
    name                   text NOT NULL,
    is_inbox               boolean NOT NULL DEFAULT FALSE,
    created_at             text NOT NULL,
    assignment_strategy    text NOT NULL DEFAULT 'manual'
                           CHECK (assignment_strategy IN ('manual', 'round_robin', 'least_load')),
    assignment_cap         bigint CHECK (assignment_cap IS NULL OR assignment_cap > 0),
    last_auto_assignee_id  bigint REFERENCES users (id),
    default_order          text NOT NULL DEFAULT 'priority' CHECK (default_order IN ('priority', 'age', 'reports', 'sla')),
    requires_approval      boolean NOT NULL DEFAULT FALSE,
    UNIQUE (unit_id, name)
);
CREATE UNIQUE INDEX ux_queues_inbox ON queues (unit_id) WHERE is_inbox = TRUE;

CREATE FUNCTION org_units_get_an_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queues (unit_id, name, is_inbox, created_at) VALUES (NEW.id, 'Inbox', TRUE, NEW.created_at);
    RETURN NULL;
END
$$;
CREATE TRIGGER org_units_get_an_inbox AFTER INSERT ON org_units
    FOR EACH ROW EXECUTE FUNCTION org_units_get_an_inbox();

-- Columns in SQLite's order: 0002's, then those 0003, 0004, 0008, 0009, 0011 and 0026 added.
CREATE TABLE cases (
    id                        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    status                    text NOT NULL DEFAULT 'new'
                              CHECK (status IN ('new', 'triaged', 'assigned', 'escalated', 'responded', 'closed', 'dismissed', 'merged')),
    version                   bigint NOT NULL DEFAULT 1,
    title                     text NOT NULL,
    platform                  text,
    owner_unit_id             bigint NOT NULL REFERENCES org_units (id),
    queue_id                  bigint NOT NULL REFERENCES queues (id),
    report_count              bigint NOT NULL DEFAULT 0,
    search_texts              bigint NOT NULL DEFAULT 0,
    first_reported_at         text NOT NULL,
    last_reported_at          text NOT NULL,
    verdict                   text,
    category                  text,
    severity                  bigint CHECK (severity BETWEEN 1 AND 4),
    created_at                text NOT NULL,
    updated_at                text NOT NULL,
    status_before_escalation  text CHECK (status_before_escalation IN ('new', 'triaged', 'assigned')),
    escalated_from_unit_id    bigint REFERENCES org_units (id),
    merged_into_case_id       bigint REFERENCES cases (id),
    assignee_user_id          bigint REFERENCES users (id),
    outcome                   text CHECK (outcome IN ('responded', 'no_response_needed', 'duplicate', 'out_of_scope')),
    classification_note       text,
    classified_at             text,
    priority                  bigint NOT NULL DEFAULT 0,
    priority_boost            bigint NOT NULL DEFAULT 0 CHECK (priority_boost BETWEEN 0 AND 100),
    reporter_unit_count       bigint NOT NULL DEFAULT 0,
    platform_count            bigint NOT NULL DEFAULT 0,
    sla_started_at            text,
    sla_stale                 boolean NOT NULL DEFAULT FALSE,
    triage_due_at             text,
    response_due_at           text,
    sla_due_at                text,
    sla_breach_due_at         text,
    closed_at                 text,
    erased_at                 text
);
CREATE INDEX ix_cases_owner_status ON cases (owner_unit_id, status);
CREATE INDEX ix_cases_queue_status ON cases (queue_id, status);
CREATE INDEX ix_cases_assignee_status ON cases (assignee_user_id, status) WHERE assignee_user_id IS NOT NULL;
CREATE INDEX ix_cases_queue_priority ON cases (priority DESC, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_age ON cases (first_reported_at, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_reports ON cases (report_count DESC, id, status, owner_unit_id);
CREATE INDEX ix_cases_queue_recent ON cases (last_reported_at DESC, id, status, owner_unit_id);
CREATE INDEX ix_cases_merged_into ON cases (merged_into_case_id) WHERE merged_into_case_id IS NOT NULL;
CREATE INDEX ix_cases_sla_stale ON cases (id) WHERE sla_stale = TRUE;
-- The expression must read as ListCasesHandler's ORDER BY does, letter for letter (Sqlite/0030 made both coalesce).
CREATE INDEX ix_cases_queue_sla ON cases (coalesce(sla_due_at, '~'), id, status, owner_unit_id);
CREATE INDEX ix_cases_sla_watch ON cases (sla_due_at)
    WHERE sla_due_at IS NOT NULL AND sla_breach_due_at IS DISTINCT FROM sla_due_at;
CREATE INDEX ix_cases_owner_status_age ON cases (owner_unit_id, status, first_reported_at);
CREATE INDEX ix_cases_owner_sla ON cases (owner_unit_id, sla_due_at) WHERE sla_due_at IS NOT NULL;
CREATE INDEX ix_cases_owner_open ON cases (owner_unit_id, status, first_reported_at, sla_due_at, category, verdict);
CREATE INDEX ix_cases_classified ON cases (classified_at) WHERE classified_at IS NOT NULL;
CREATE INDEX ix_cases_triage_due ON cases (triage_due_at) WHERE triage_due_at IS NOT NULL;
CREATE INDEX ix_cases_response_due ON cases (response_due_at) WHERE response_due_at IS NOT NULL;
CREATE INDEX ix_cases_report_count ON cases (report_count);
CREATE INDEX ix_cases_erasable ON cases (closed_at) WHERE erased_at IS NULL AND status IN ('closed', 'dismissed');

-- The triggers of cases (0009 priority, 0011 SLA, 0026 closed_at). On SQLite each is an AFTER trigger whose UPDATE
-- sets one derived column of its own row; here each sets that column of NEW before the row is written, so no
-- trigger updates the row it fires on. They fire on the same events (UPDATE OF the same columns, which PostgreSQL
-- also takes from the statement's SET list) under the same conditions, and none reads a column another sets, so
-- their order does not matter and a row ends as it does on SQLite. Priority still follows the counts that the
-- triggers of case_reporter_units and reports set: their UPDATE of cases names reporter_unit_count or
-- platform_count. PriorityRefresher's UPDATE names priority only, so none of these fires for it, as on SQLite.
-- The age part is CAST(… AS bigint): an int4 overflows past 24.8 days of milliseconds (SQLite's INTEGER is 64-bit).
CREATE FUNCTION cases_priority() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.priority :=
        least(NEW.report_count * 5, 50)
        + least(4 * greatest(0, NEW.reporter_unit_count - 1) + 4 * greatest(0, NEW.platform_count - 1), 20)
        + 10 * coalesce(NEW.severity, 2)
        + CASE WHEN NEW.status IN ('new', 'triaged', 'assigned', 'escalated', 'responded')
               THEN least(48, greatest(0, CAST(round((julianday(NEW.updated_at) - julianday(NEW.first_reported_at)) * 86400000) AS bigint) / 3600000))
               ELSE 0 END
        + NEW.priority_boost;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_priority_on_insert BEFORE INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_priority();
CREATE TRIGGER cases_priority_on_change
    BEFORE UPDATE OF report_count, reporter_unit_count, platform_count, severity, status, first_reported_at, updated_at, priority_boost
    ON cases FOR EACH ROW EXECUTE FUNCTION cases_priority();

CREATE FUNCTION cases_sla_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sla_started_at := NEW.created_at;
    NEW.sla_stale := TRUE;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_sla_on_insert BEFORE INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_sla_on_insert();

CREATE FUNCTION cases_sla_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sla_started_at := NEW.updated_at;
    NEW.sla_stale := TRUE;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_sla_on_move BEFORE UPDATE OF queue_id, status ON cases
    FOR EACH ROW
    WHEN (OLD.queue_id IS DISTINCT FROM NEW.queue_id
          OR (OLD.status IN ('closed', 'dismissed', 'merged') AND NEW.status IN ('new', 'triaged', 'assigned', 'escalated')))
    EXECUTE FUNCTION cases_sla_on_move();

CREATE FUNCTION cases_sla_on_severity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sla_stale := TRUE;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_sla_on_severity BEFORE UPDATE OF severity ON cases
    FOR EACH ROW WHEN (OLD.severity IS DISTINCT FROM NEW.severity)
    EXECUTE FUNCTION cases_sla_on_severity();

CREATE FUNCTION cases_sla_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sla_due_at := CASE
        WHEN NEW.status IN ('new', 'escalated') THEN NEW.triage_due_at
        WHEN NEW.status IN ('triaged', 'assigned') THEN NEW.response_due_at
        END;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_sla_pending BEFORE UPDATE OF status, triage_due_at, response_due_at ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_sla_pending();

CREATE FUNCTION cases_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.closed_at := CASE WHEN NEW.status IN ('closed', 'dismissed', 'merged') THEN NEW.updated_at END;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_closed_at BEFORE UPDATE OF status ON cases
    FOR EACH ROW
    WHEN ((OLD.status IN ('closed', 'dismissed', 'merged')) <> (NEW.status IN ('closed', 'dismissed', 'merged')))
    EXECUTE FUNCTION cases_closed_at();

CREATE TABLE case_reporter_units (
    case_id  bigint NOT NULL REFERENCES cases (id),
    unit_id  bigint NOT NULL REFERENCES org_units (id),
    PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX ix_case_reporter_units_unit ON case_reporter_units (unit_id, case_id);

-- Recounts, as on SQLite. PostgreSQL runs row-level AFTER triggers once the statement is done, so each recount
-- sees the statement's end state: the same counts as SQLite's recounts after the last row.
CREATE FUNCTION case_reporter_units_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = NEW.case_id)
    WHERE id = NEW.case_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_reporter_units_count_on_insert AFTER INSERT ON case_reporter_units
    FOR EACH ROW EXECUTE FUNCTION case_reporter_units_count_on_insert();

CREATE FUNCTION case_reporter_units_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = OLD.case_id)
    WHERE id = OLD.case_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_reporter_units_count_on_delete AFTER DELETE ON case_reporter_units
    FOR EACH ROW EXECUTE FUNCTION case_reporter_units_count_on_delete();

CREATE FUNCTION case_reporter_units_count_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET reporter_unit_count = (SELECT count(*) FROM case_reporter_units WHERE case_id = cases.id)
    WHERE id IN (OLD.case_id, NEW.case_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER case_reporter_units_count_on_move AFTER UPDATE OF case_id ON case_reporter_units
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION case_reporter_units_count_on_move();

CREATE TABLE imports (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    unit_id     bigint NOT NULL REFERENCES org_units (id),
    file_name   text,
    sha256      text NOT NULL,
    rows        bigint NOT NULL,
    created     bigint NOT NULL,
    merged      bigint NOT NULL,
    skipped     bigint NOT NULL,
    created_at  text NOT NULL
);

CREATE TABLE reports (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id             bigint NOT NULL REFERENCES cases (id),
    reporter_user_id    bigint NOT NULL REFERENCES users (id),
    reporter_unit_id    bigint NOT NULL REFERENCES org_units (id),
    url_raw             text,
    url_canonical       text,
    platform            text,
    text                text,
    text_folded         text,
    text_signature      bytea,
    category            text,
    note                text,
    matched_by          text CHECK (matched_by IN ('url', 'text')),
    submitted_at        text NOT NULL,
    import_id           bigint REFERENCES imports (id),
    reporter_pseudonym  text
);
CREATE INDEX ix_reports_url ON reports (url_canonical) WHERE url_canonical IS NOT NULL;
CREATE INDEX ix_reports_reporter ON reports (reporter_user_id, id);
CREATE INDEX ix_reports_case_platform ON reports (case_id, platform);
CREATE INDEX ix_reports_import ON reports (import_id) WHERE import_id IS NOT NULL;

-- platform_count is recounted for a case when a statement brings it a platform it did not have or takes away the
-- last report of one (SQLite's rule, see Sqlite/0009). These are statement-level: a row-level trigger runs after
-- the whole statement, and a merge moving two reports of a platform new to the target would each see the other
-- and leave the count unchanged. Recounting once per case on the end state gives what SQLite's per-row recounts
-- end with, and reads a viral case's reports once rather than once per moved report.
CREATE FUNCTION reports_platform_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET platform_count = (SELECT count(DISTINCT r.platform) FROM reports r WHERE r.case_id = cases.id)
    WHERE cases.id IN (
        SELECT n.case_id FROM new_reports n
        WHERE n.platform IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.case_id = n.case_id AND r.platform = n.platform
                          AND r.id NOT IN (SELECT id FROM new_reports)));
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_platform_count_on_insert AFTER INSERT ON reports
    REFERENCING NEW TABLE AS new_reports
    FOR EACH STATEMENT EXECUTE FUNCTION reports_platform_count_on_insert();

CREATE FUNCTION reports_platform_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET platform_count = (SELECT count(DISTINCT r.platform) FROM reports r WHERE r.case_id = cases.id)
    WHERE cases.id IN (
        SELECT o.case_id FROM old_reports o
        WHERE o.platform IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.case_id = o.case_id AND r.platform = o.platform));
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_platform_count_on_delete AFTER DELETE ON reports
    REFERENCING OLD TABLE AS old_reports
    FOR EACH STATEMENT EXECUTE FUNCTION reports_platform_count_on_delete();

-- A statement-level trigger with transition tables cannot name columns (UPDATE OF); the moved rows are the ones
-- whose case or platform differs, SQLite's WHEN.
CREATE FUNCTION reports_platform_count_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH moved AS (
        SELECT o.id, o.case_id AS old_case_id, o.platform AS old_platform, n.case_id AS new_case_id, n.platform AS new_platform
        FROM old_reports o JOIN new_reports n ON n.id = o.id
        WHERE o.case_id IS DISTINCT FROM n.case_id OR o.platform IS DISTINCT FROM n.platform)
    UPDATE cases SET platform_count = (SELECT count(DISTINCT r.platform) FROM reports r WHERE r.case_id = cases.id)
    WHERE cases.id IN (
        SELECT m.old_case_id FROM moved m
        WHERE m.old_platform IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.case_id = m.old_case_id AND r.platform = m.old_platform)
        UNION
        SELECT m.new_case_id FROM moved m
        WHERE m.new_platform IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.case_id = m.new_case_id AND r.platform = m.new_platform
                          AND r.id NOT IN (SELECT id FROM moved)));
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_platform_count_on_move AFTER UPDATE ON reports
    REFERENCING OLD TABLE AS old_reports NEW TABLE AS new_reports
    FOR EACH STATEMENT EXECUTE FUNCTION reports_platform_count_on_move();

CREATE FUNCTION reports_unerase_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET erased_at = NULL WHERE id = NEW.case_id AND erased_at IS NOT NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_unerase_case_on_insert AFTER INSERT ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_unerase_case();
CREATE TRIGGER reports_unerase_case_on_move AFTER UPDATE OF case_id ON reports
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION reports_unerase_case();

CREATE TABLE case_text_bands (
    band_key   bigint NOT NULL,
    case_id    bigint NOT NULL REFERENCES cases (id),
    report_id  bigint NOT NULL REFERENCES reports (id),
    PRIMARY KEY (band_key, case_id)
);
CREATE INDEX ix_case_text_bands_case ON case_text_bands (case_id);

CREATE TABLE evidence (
    sha256        text PRIMARY KEY,
    content_type  text NOT NULL,
    bytes         bigint NOT NULL,
    width         bigint NOT NULL,
    height        bigint NOT NULL,
    created_at    text NOT NULL
);

CREATE TABLE report_evidence (
    report_id  bigint NOT NULL REFERENCES reports (id),
    position   bigint NOT NULL,
    sha256     text NOT NULL REFERENCES evidence (sha256),
    PRIMARY KEY (report_id, position)
);
CREATE INDEX ix_report_evidence_sha ON report_evidence (sha256);

CREATE TABLE idempotency_keys (
    user_id       bigint NOT NULL REFERENCES users (id),
    key           text NOT NULL,
    request_hash  text NOT NULL,
    response      text NOT NULL,
    created_at    text NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- SQLite's FTS5 tables become plain tables: rowid is an ordinary column named so that the SQL reading and
-- writing them ("INSERT … (rowid, title, body)", "WHERE rowid = @id") stays as it is, and doc is the indexed
-- tsvector. Weights: A for the title, B for the body, as bm25(case_search, 1.5, 1.0) weighs the title above the
-- body; a query gives each letter its weight (ts_rank's array).
CREATE TABLE case_search (
    rowid  bigint PRIMARY KEY,
    title  text,
    body   text,
    doc    tsvector GENERATED ALWAYS AS (
               setweight(to_tsvector('triage', coalesce(title, '')), 'A')
               || setweight(to_tsvector('triage', coalesce(body, '')), 'B')) STORED
);
CREATE INDEX ix_case_search_doc ON case_search USING gin (doc);

-- 0003 review ---------------------------------------------------------------------------------------------------

CREATE TABLE disarm_techniques (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    tactic_id  text NOT NULL
);

CREATE TABLE case_techniques (
    case_id       bigint NOT NULL REFERENCES cases (id),
    technique_id  text NOT NULL REFERENCES disarm_techniques (id),
    PRIMARY KEY (case_id, technique_id)
);

-- 0004 queue ----------------------------------------------------------------------------------------------------

CREATE TABLE saved_views (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    name        text NOT NULL,
    filter      text NOT NULL CHECK (json_valid(filter)),
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    UNIQUE (user_id, name)
);

-- 0005 assignment and comments, notifications as 0019 left them ------------------------------------------------

CREATE TABLE case_comments (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    author_user_id  bigint NOT NULL REFERENCES users (id),
    text            text NOT NULL,
    created_at      text NOT NULL
);
CREATE INDEX ix_case_comments_case ON case_comments (case_id, id);

CREATE TABLE comment_mentions (
    comment_id  bigint NOT NULL REFERENCES case_comments (id),
    user_id     bigint NOT NULL REFERENCES users (id),
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE notifications (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    kind          text NOT NULL CHECK (kind IN ('mention', 'assignment', 'escalation', 'breach', 'outcome', 'approval')),
    case_id       bigint REFERENCES cases (id),
    from_user_id  bigint REFERENCES users (id),
    excerpt       text,
    created_at    text NOT NULL,
    read_at       text
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id);
CREATE INDEX ix_notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;

-- 0010 routing --------------------------------------------------------------------------------------------------

CREATE TABLE routing_rules (
    id                   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    unit_id              bigint NOT NULL REFERENCES org_units (id),
    name                 text NOT NULL,
    enabled              boolean NOT NULL DEFAULT TRUE,
    position             bigint NOT NULL,
    platforms            text,
    categories           text,
    verdicts             text,
    severities           text,
    min_severity         bigint CHECK (min_severity BETWEEN 1 AND 4),
    keywords             text,
    keywords_folded      text,
    within_unit_id       bigint REFERENCES org_units (id),
    min_reports          bigint CHECK (min_reports > 0),
    target_queue_id      bigint NOT NULL REFERENCES queues (id),
    priority_boost       bigint NOT NULL DEFAULT 0 CHECK (priority_boost BETWEEN 0 AND 100),
    assignment_strategy  text CHECK (assignment_strategy IN ('manual', 'round_robin', 'least_load')),
    created_at           text NOT NULL,
    updated_at           text NOT NULL
);
CREATE INDEX ix_routing_rules_unit ON routing_rules (unit_id, position);
CREATE INDEX ix_routing_rules_target ON routing_rules (target_queue_id);

-- 0011 SLA ------------------------------------------------------------------------------------------------------

CREATE TABLE sla_policies (
    queue_id          bigint NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
    severity          bigint NOT NULL CHECK (severity BETWEEN 0 AND 4),
    triage_minutes    bigint NOT NULL CHECK (triage_minutes > 0),
    response_minutes  bigint NOT NULL CHECK (response_minutes > 0),
    business_hours    boolean NOT NULL DEFAULT FALSE,
    updated_at        text NOT NULL,
    PRIMARY KEY (queue_id, severity)
);

CREATE TABLE sla_breaches (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id       bigint NOT NULL REFERENCES cases (id),
    kind          text NOT NULL CHECK (kind IN ('triage', 'response')),
    due_at        text NOT NULL,
    unit_id       bigint NOT NULL REFERENCES org_units (id),
    escalated_to  bigint REFERENCES org_units (id),
    recorded_at   text NOT NULL,
    UNIQUE (case_id, kind, due_at)
);

-- 0012 responses, 0016 fact_again ------------------------------------------------------------------------------

CREATE TABLE counter_messages (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    author_user_id  bigint NOT NULL REFERENCES users (id),
    kind            text NOT NULL CHECK (kind IN ('debunk', 'clarification', 'prebunk', 'official_information', 'platform_report')),
    channel         text NOT NULL CHECK (channel IN ('facebook', 'tiktok', 'youtube', 'zalo', 'x', 'telegram', 'instagram', 'web', 'other')),
    language        text NOT NULL CHECK (language IN ('vi', 'en')),
    fact            text,
    myth            text,
    fallacy         text,
    text            text NOT NULL,
    status          text NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'published')),
    approved_by     bigint REFERENCES users (id),
    approved_at     text,
    published_url   text,
    published_at    text,
    created_at      text NOT NULL,
    updated_at      text NOT NULL,
    fact_again      text,
    CHECK (status <> 'published' OR (published_url IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX ix_counter_messages_case ON counter_messages (case_id, id);
CREATE INDEX ix_counter_messages_published ON counter_messages (published_at, case_id) WHERE status = 'published';

CREATE TABLE counter_message_reach (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    counter_message_id  bigint NOT NULL REFERENCES counter_messages (id),
    views               bigint CHECK (views >= 0),
    reactions           bigint CHECK (reactions >= 0),
    shares              bigint CHECK (shares >= 0),
    comments            bigint CHECK (comments >= 0),
    recorded_at         text NOT NULL,
    recorded_by         bigint NOT NULL REFERENCES users (id)
);
CREATE INDEX ix_counter_message_reach_message ON counter_message_reach (counter_message_id, id);

-- 0013 library --------------------------------------------------------------------------------------------------

CREATE TABLE disarm_countermeasures (
    id             text PRIMARY KEY,
    name           text NOT NULL,
    metatechnique  text NOT NULL
);

CREATE TABLE library_messages (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    title               text NOT NULL,
    text                text NOT NULL,
    language            text NOT NULL CHECK (language IN ('vi', 'en')),
    category            text NOT NULL,
    claim               text,
    created_by_user_id  bigint NOT NULL REFERENCES users (id),
    created_at          text NOT NULL,
    updated_at          text NOT NULL,
    usage_count         bigint NOT NULL DEFAULT 0
);

CREATE TABLE library_message_countermeasures (
    message_id         bigint NOT NULL REFERENCES library_messages (id),
    countermeasure_id  text NOT NULL REFERENCES disarm_countermeasures (id),
    PRIMARY KEY (message_id, countermeasure_id)
);

CREATE TABLE library_usage (
    id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    message_id       bigint NOT NULL REFERENCES library_messages (id),
    case_id          bigint NOT NULL REFERENCES cases (id),
    used_by_user_id  bigint NOT NULL REFERENCES users (id),
    used_at          text NOT NULL
);
CREATE INDEX ix_library_usage_case ON library_usage (case_id, message_id);

-- rowid = library_messages.id (see case_search). The library's search matches every column alike and ranks by
-- use, not by text, so the weights only tell the columns apart: title A, text B, claim C.
CREATE TABLE library_search (
    rowid  bigint PRIMARY KEY,
    title  text,
    text   text,
    claim  text,
    doc    tsvector GENERATED ALWAYS AS (
               setweight(to_tsvector('triage', coalesce(title, '')), 'A')
               || setweight(to_tsvector('triage', coalesce(text, '')), 'B')
               || setweight(to_tsvector('triage', coalesce(claim, '')), 'C')) STORED
);
CREATE INDEX ix_library_search_doc ON library_search USING gin (doc);

-- 0020 and 0023 daily counts ------------------------------------------------------------------------------------

CREATE TABLE daily_report_counts (
    day        text NOT NULL,
    unit_id    bigint NOT NULL REFERENCES org_units (id),
    platform   text NOT NULL,
    reports    bigint NOT NULL,
    new_cases  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, unit_id, platform)
);

CREATE TABLE rollup_watermarks (
    name     text PRIMARY KEY,
    last_id  bigint NOT NULL
);

-- 0021 webhooks -------------------------------------------------------------------------------------------------

CREATE TABLE webhooks (
    id                    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    url                   text NOT NULL,
    events                text NOT NULL,
    secret                text NOT NULL,
    created_by            bigint REFERENCES users (id),
    created_at            text NOT NULL,
    disabled_at           text,
    consecutive_failures  bigint NOT NULL DEFAULT 0
);

CREATE TABLE webhook_deliveries (
    id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    webhook_id        bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event             text NOT NULL,
    case_id           bigint NOT NULL,
    payload           text NOT NULL,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'abandoned')),
    attempts          bigint NOT NULL DEFAULT 0,
    next_attempt_at   text,
    last_status_code  bigint,
    last_error        text,
    created_at        text NOT NULL,
    delivered_at      text
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);

-- 0025 onboarding -----------------------------------------------------------------------------------------------

CREATE TABLE user_activations (
    user_id     bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  text NOT NULL UNIQUE,
    created_at  text NOT NULL,
    expires_at  text NOT NULL,
    used_at     text
);

CREATE TABLE invites (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES org_units (id),
    token_hash  text NOT NULL UNIQUE,
    created_by  bigint REFERENCES users (id),
    created_at  text NOT NULL,
    expires_at  text NOT NULL,
    max_uses    bigint CHECK (max_uses > 0),
    uses        bigint NOT NULL DEFAULT 0,
    revoked_at  text
);
CREATE INDEX ix_invites_unit ON invites (unit_id);

-- 0026 retention ------------------------------------------------------------------------------------------------

CREATE TABLE erased_files (
    sha256     text PRIMARY KEY,
    erased_at  text NOT NULL
);

-- 0028 two-factor -----------------------------------------------------------------------------------------------

CREATE TABLE user_two_factor (
    user_id     bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret      text NOT NULL,
    enabled_at  text,
    last_step   bigint NOT NULL DEFAULT 0,
    created_at  text NOT NULL
);

CREATE TABLE user_recovery_codes (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  text NOT NULL,
    used_at    text,
    PRIMARY KEY (user_id, code_hash)
);

-- Only on PostgreSQL ---------------------------------------------------------------------------------------------
-- What a SQLite desk keeps as files under keys/, shared here by every server of the desk: ASP.NET Core Data
-- Protection's key ring (one XML element per key) and the desk's own secrets.

CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL,
    created_at     text NOT NULL
);

CREATE TABLE desk_secrets (
    name        text PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  text NOT NULL
);
