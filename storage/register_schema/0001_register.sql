-- The team register, version 1: signed rows published by chairs' and managers' laptops.
--
-- Every table here holds rows that are signed by a person's key and checked by each laptop
-- when it pulls them; the database adds who published a row and when, and refuses to change
-- or remove a row once it is in, whoever asks. Roles and row-level security decide who may
-- publish what; everyone who is a member of one of the three groups may read.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategy_minutes_chair') THEN
        CREATE ROLE strategy_minutes_chair NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategy_minutes_admin') THEN
        CREATE ROLE strategy_minutes_admin NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategy_minutes_manager') THEN
        CREATE ROLE strategy_minutes_manager NOLOGIN;
    END IF;
END $$;

-- Keys of the people who sign, each with a statement (name, role, login) signed by the key.
CREATE TABLE strategy_minutes.signers (
    fingerprint text PRIMARY KEY,
    public_key bytea NOT NULL,
    statement bytea NOT NULL,
    signature bytea NOT NULL,
    login name NOT NULL,
    published_at timestamptz NOT NULL,
    txid bigint NOT NULL
);

-- One row per audience of each signed version: the record and signature exactly as signed,
-- and the signed .docx. Content-addressed by the digest of the record.
CREATE TABLE strategy_minutes.signed_versions (
    record_sha256 text PRIMARY KEY,
    record bytea NOT NULL,
    signature bytea NOT NULL,
    docx bytea NOT NULL,
    fingerprint text NOT NULL REFERENCES strategy_minutes.signers,
    -- taken from the record by the database at insert, for finding rows; never trusted alone
    meeting_id text NOT NULL,
    version integer NOT NULL,
    audience text NOT NULL,
    case_reference text NOT NULL,
    meeting_date date,
    review_date date,
    signed_at timestamptz NOT NULL,
    published_by name NOT NULL,
    published_at timestamptz NOT NULL,
    txid bigint NOT NULL,
    UNIQUE (meeting_id, version, audience)
);
CREATE INDEX signed_versions_by_case ON strategy_minutes.signed_versions (case_reference, txid);
CREATE INDEX signed_versions_by_txid ON strategy_minutes.signed_versions (txid);
CREATE INDEX signed_versions_by_date ON strategy_minutes.signed_versions (audience, meeting_date);

-- Signed entries made after signing, naming the signed record they are about: management
-- oversight today; action progress is a later kind (a new migration widens the check).
CREATE TABLE strategy_minutes.signed_entries (
    entry_sha256 text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('oversight')),
    record bytea NOT NULL,
    signature bytea NOT NULL,
    fingerprint text NOT NULL REFERENCES strategy_minutes.signers,
    on_record_sha256 text NOT NULL REFERENCES strategy_minutes.signed_versions,
    meeting_id text NOT NULL,
    published_by name NOT NULL,
    published_at timestamptz NOT NULL,
    txid bigint NOT NULL
);
CREATE INDEX signed_entries_by_meeting ON strategy_minutes.signed_entries (meeting_id);
CREATE INDEX signed_entries_by_txid ON strategy_minutes.signed_entries (txid);

-- The actions of each full record, laid out by the database at insert for the drift view.
CREATE TABLE strategy_minutes.published_actions (
    record_sha256 text NOT NULL REFERENCES strategy_minutes.signed_versions,
    meeting_id text NOT NULL,
    version integer NOT NULL,
    action_id text NOT NULL,
    description text NOT NULL,
    owner text NOT NULL,
    owner_agency text NOT NULL,
    due date,
    status text NOT NULL,
    PRIMARY KEY (record_sha256, action_id)
);
CREATE INDEX published_actions_open ON strategy_minutes.published_actions (status, due);
CREATE INDEX signed_versions_latest ON strategy_minutes.signed_versions (meeting_id, audience, version);

-- Who published a row and when is the database's to say, not the client's.
CREATE FUNCTION strategy_minutes.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'signers' THEN
        NEW.login := current_user;
    ELSE
        NEW.published_by := current_user;
    END IF;
    NEW.published_at := now();
    NEW.txid := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END $$;

CREATE FUNCTION strategy_minutes.date_or_null(value text) RETURNS date
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN value::date;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- The finding columns of a signed version come from its record, never from the client.
CREATE FUNCTION strategy_minutes.from_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    content jsonb := convert_from(NEW.record, 'UTF8')::jsonb;
BEGIN
    NEW.meeting_id := content->>'meeting_id';
    NEW.version := (content->>'version')::integer;
    NEW.audience := content->>'audience';
    NEW.case_reference := coalesce(content->'meeting'->'facts'->>'case_reference', '');
    NEW.meeting_date := strategy_minutes.date_or_null(content->'meeting'->'facts'->>'date');
    NEW.review_date := strategy_minutes.date_or_null(content->'meeting'->'outcome'->>'review_date');
    NEW.signed_at := (content->>'signed_at')::timestamptz;
    NEW.fingerprint := content->'signer'->>'fingerprint';
    RETURN NEW;
END $$;

CREATE FUNCTION strategy_minutes.entry_from_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    content jsonb := convert_from(NEW.record, 'UTF8')::jsonb;
BEGIN
    NEW.meeting_id := content->>'meeting_id';
    NEW.on_record_sha256 := content->>'signed_record_sha256';
    NEW.fingerprint := content->>'fingerprint';
    RETURN NEW;
END $$;

-- Runs as the owner (who ran `register init`), so a chair needs no right on the table.
CREATE FUNCTION strategy_minutes.lay_out_actions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    content jsonb := convert_from(NEW.record, 'UTF8')::jsonb;
BEGIN
    IF NEW.audience <> 'full' THEN
        RETURN NULL;
    END IF;
    INSERT INTO strategy_minutes.published_actions
    SELECT NEW.record_sha256, NEW.meeting_id, NEW.version, a->>'id',
           coalesce(a->>'description', ''),
           coalesce((SELECT p->>'name'
                       FROM jsonb_array_elements(coalesce(content->'meeting'->'attendees', '[]'))
                            AS p
                      WHERE p->>'id' = a->>'owner' LIMIT 1), ''),
           coalesce(a->>'owner_agency', ''),
           strategy_minutes.date_or_null(a->>'due'),
           coalesce(nullif(a->>'status', ''), 'open')
      FROM jsonb_array_elements(coalesce(content->'meeting'->'actions', '[]')) AS a
     WHERE a->>'id' IS NOT NULL;
    RETURN NULL;
END $$;

-- Published rows never change: refused for everyone, superusers included, while triggers run.
CREATE FUNCTION strategy_minutes.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of the team register are never changed or removed (% on %)',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER stamp BEFORE INSERT ON strategy_minutes.signers
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.stamp();
CREATE TRIGGER a_from_record BEFORE INSERT ON strategy_minutes.signed_versions
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.from_record();
CREATE TRIGGER stamp BEFORE INSERT ON strategy_minutes.signed_versions
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.stamp();
CREATE TRIGGER lay_out_actions AFTER INSERT ON strategy_minutes.signed_versions
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.lay_out_actions();
CREATE TRIGGER a_from_record BEFORE INSERT ON strategy_minutes.signed_entries
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.entry_from_record();
CREATE TRIGGER stamp BEFORE INSERT ON strategy_minutes.signed_entries
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.stamp();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['signers', 'signed_versions', 'signed_entries', 'published_actions']
    LOOP
        EXECUTE format('CREATE TRIGGER immutable BEFORE UPDATE OR DELETE ON strategy_minutes.%I '
                       'FOR EACH ROW EXECUTE FUNCTION strategy_minutes.refuse_change()', t);
        EXECUTE format('CREATE TRIGGER immutable_truncate BEFORE TRUNCATE ON strategy_minutes.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION strategy_minutes.refuse_change()', t);
        EXECUTE format('ALTER TABLE strategy_minutes.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE strategy_minutes.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT ON strategy_minutes.%I TO strategy_minutes_chair, '
                       'strategy_minutes_admin, strategy_minutes_manager', t);
        EXECUTE format('CREATE POLICY everyone_reads ON strategy_minutes.%I FOR SELECT TO '
                       'strategy_minutes_chair, strategy_minutes_admin, strategy_minutes_manager '
                       'USING (true)', t);
    END LOOP;
END $$;

GRANT USAGE ON SCHEMA strategy_minutes
    TO strategy_minutes_chair, strategy_minutes_admin, strategy_minutes_manager;
GRANT SELECT ON strategy_minutes.schema_migrations
    TO strategy_minutes_chair, strategy_minutes_admin, strategy_minutes_manager;
GRANT INSERT ON strategy_minutes.signers TO strategy_minutes_chair, strategy_minutes_manager;
GRANT INSERT ON strategy_minutes.signed_versions TO strategy_minutes_chair;
GRANT INSERT ON strategy_minutes.signed_entries TO strategy_minutes_chair, strategy_minutes_manager;

-- The owner writes the laid-out actions through the trigger; RLS is forced, so say so.
CREATE POLICY laid_out_by_trigger ON strategy_minutes.published_actions FOR INSERT
    TO CURRENT_USER WITH CHECK (true);

-- A person publishes only their own key, under their own login.
CREATE POLICY own_key ON strategy_minutes.signers FOR INSERT
    TO strategy_minutes_chair, strategy_minutes_manager
    WITH CHECK (login = current_user);

-- A chair publishes only versions signed with a key of their own login.
CREATE POLICY own_signed_versions ON strategy_minutes.signed_versions FOR INSERT
    TO strategy_minutes_chair
    WITH CHECK (published_by = current_user AND EXISTS (
        SELECT FROM strategy_minutes.signers s
         WHERE s.fingerprint = signed_versions.fingerprint AND s.login = current_user));

-- A manager records oversight on any published meeting; a chair publishes entries only on
-- meetings they published themselves; both only with a key of their own.
CREATE POLICY managers_oversight ON strategy_minutes.signed_entries FOR INSERT
    TO strategy_minutes_manager
    WITH CHECK (kind = 'oversight' AND published_by = current_user AND EXISTS (
        SELECT FROM strategy_minutes.signers s
         WHERE s.fingerprint = signed_entries.fingerprint AND s.login = current_user));
CREATE POLICY chairs_own_meetings ON strategy_minutes.signed_entries FOR INSERT
    TO strategy_minutes_chair
    WITH CHECK (published_by = current_user AND EXISTS (
        SELECT FROM strategy_minutes.signers s
         WHERE s.fingerprint = signed_entries.fingerprint AND s.login = current_user)
        AND EXISTS (
        SELECT FROM strategy_minutes.signed_versions v
         WHERE v.record_sha256 = signed_entries.on_record_sha256
           AND v.published_by = current_user));
