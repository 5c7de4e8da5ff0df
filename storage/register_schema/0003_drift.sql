-- Version 3: the drift view's findings, kept by the database at publish.
--
-- The drift view asked the register every time which meetings' newest versions had open
-- actions, passed review dates or no oversight: anti-joins over every published version and
-- action, tens of thousands of rows at an authority's scale. Now each publication brings one
-- row per meeting up to date (`drift`), and the view reads the rows whose dates have passed,
-- one per meeting, through indexes.
--
-- `drift` is laid out from published rows, like `published_actions`; nothing in it is signed
-- and nothing is shown from it: the view reads each line from the verified record and its
-- verified progress, applying the laptop's own working-day rules, and uses these columns only
-- to find the meetings to read. Calendar dates here are a superset of what working days allow.

-- An action of a later meeting that carries an earlier one (the review chases it from then on).
ALTER TABLE strategy_minutes.published_actions ADD COLUMN carried_action text;
CREATE INDEX published_actions_carried ON strategy_minutes.published_actions (carried_action)
    WHERE carried_action IS NOT NULL;
CREATE INDEX published_actions_by_id ON strategy_minutes.published_actions (action_id);
CREATE INDEX signed_entries_by_record ON strategy_minutes.signed_entries (on_record_sha256);

ALTER TABLE strategy_minutes.published_actions DISABLE TRIGGER immutable;
UPDATE strategy_minutes.published_actions a
   SET carried_action = x->>'carried_action'
  FROM strategy_minutes.signed_versions v,
       jsonb_array_elements(
           coalesce(convert_from(v.record, 'UTF8')::jsonb->'meeting'->'actions', '[]')) AS x
 WHERE v.record_sha256 = a.record_sha256 AND x->>'id' = a.action_id
   AND x->>'carried_action' IS NOT NULL;
ALTER TABLE strategy_minutes.published_actions ENABLE TRIGGER immutable;

CREATE OR REPLACE FUNCTION strategy_minutes.lay_out_actions() RETURNS trigger
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
           coalesce(nullif(a->>'status', ''), 'open'),
           a->>'carried_action'
      FROM jsonb_array_elements(coalesce(content->'meeting'->'actions', '[]')) AS a
     WHERE a->>'id' IS NOT NULL;
    RETURN NULL;
END $$;

-- One row per meeting: its newest full version and the dates from which it may drift. The
-- view reads ten thousand of these in a few tens of milliseconds; which actions, and how late
-- in working days, it reads from the record.
CREATE TABLE strategy_minutes.drift (
    meeting_id text PRIMARY KEY,
    record_sha256 text NOT NULL,
    case_reference text NOT NULL,
    -- the earliest due date of its actions still pending: not done, dropped or cancelled in
    -- the record or by the newest progress entry, and not carried to a later meeting
    first_due date,
    -- the review date, while no other meeting of the case is held on or after it
    review_date date,
    signed_on date NOT NULL,
    overseen boolean NOT NULL
);
CREATE INDEX drift_first_due ON strategy_minutes.drift (first_due);
CREATE INDEX drift_review ON strategy_minutes.drift (review_date);
CREATE INDEX drift_not_overseen ON strategy_minutes.drift (signed_on) WHERE NOT overseen;
CREATE INDEX drift_by_case ON strategy_minutes.drift (case_reference);

CREATE FUNCTION strategy_minutes.refresh_drift(meeting text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v record;
    due date;
BEGIN
    SELECT record_sha256, case_reference, review_date, signed_at INTO v
      FROM strategy_minutes.signed_versions
     WHERE meeting_id = meeting AND audience = 'full'
     ORDER BY version DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    WITH progress AS (  -- the newest progress entry on each action of the meeting
        SELECT DISTINCT ON (c->>'action_id') c->>'action_id' AS action_id, c->>'status' AS status
          FROM (SELECT convert_from(record, 'UTF8')::jsonb AS c
                  FROM strategy_minutes.signed_entries
                 WHERE meeting_id = meeting AND kind = 'progress') AS entries
         ORDER BY c->>'action_id', c->>'recorded_at' DESC
    )
    SELECT min(a.due) INTO due
      FROM strategy_minutes.published_actions a
      LEFT JOIN progress p ON p.action_id = a.action_id
     WHERE a.record_sha256 = v.record_sha256 AND a.due IS NOT NULL
       AND coalesce(p.status, a.status) NOT IN ('done', 'dropped', 'cancelled')
       AND NOT EXISTS (SELECT FROM strategy_minutes.published_actions c
                        WHERE c.carried_action = a.action_id);
    INSERT INTO strategy_minutes.drift AS d
    VALUES (
        meeting, v.record_sha256, v.case_reference, due,
        CASE WHEN EXISTS (SELECT FROM strategy_minutes.signed_versions r
                           WHERE r.audience = 'full' AND r.case_reference = v.case_reference
                             AND r.meeting_id <> meeting AND r.meeting_date >= v.review_date)
             THEN NULL ELSE v.review_date END,
        (v.signed_at AT TIME ZONE 'UTC')::date,  -- the day in the record, whatever the server's zone
        EXISTS (SELECT FROM strategy_minutes.signed_entries e
                 WHERE e.meeting_id = meeting AND e.kind = 'oversight'))
    ON CONFLICT (meeting_id) DO UPDATE SET
        record_sha256 = EXCLUDED.record_sha256, case_reference = EXCLUDED.case_reference,
        first_due = EXCLUDED.first_due,
        review_date = EXCLUDED.review_date, signed_on = EXCLUDED.signed_on,
        overseen = EXCLUDED.overseen;
END $$;

-- Publications take turns at keeping `drift` (a transaction-scoped advisory lock): each
-- statement after the lock sees every publication committed before it, so two chairs
-- publishing meetings of one case at the same moment cannot leave a row computed without the
-- other's. Publications are a few a minute at most; the lock is held until the commit.
CREATE FUNCTION strategy_minutes.drift_turn() RETURNS void
LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(1398036809) $$;  -- 'SMDI'

-- A full version changes its own meeting's row, the review dates of its case's other
-- meetings, and the meetings whose actions it carries.
CREATE FUNCTION strategy_minutes.drift_on_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.audience <> 'full' THEN
        RETURN NULL;
    END IF;
    PERFORM strategy_minutes.drift_turn();
    PERFORM strategy_minutes.refresh_drift(m)
       FROM (SELECT NEW.meeting_id AS m
             UNION SELECT d.meeting_id FROM strategy_minutes.drift d
                    WHERE d.case_reference = NEW.case_reference
             UNION SELECT o.meeting_id FROM strategy_minutes.published_actions c
                     JOIN strategy_minutes.published_actions o ON o.action_id = c.carried_action
                    WHERE c.record_sha256 = NEW.record_sha256) AS touched
     ORDER BY m;
    RETURN NULL;
END $$;

CREATE FUNCTION strategy_minutes.drift_on_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM strategy_minutes.drift_turn();
    PERFORM strategy_minutes.refresh_drift(NEW.meeting_id);
    RETURN NULL;
END $$;

-- Named to run after lay_out_actions (triggers of one event fire in the order of their names).
CREATE TRIGGER m_drift AFTER INSERT ON strategy_minutes.signed_versions
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.drift_on_version();
CREATE TRIGGER m_drift AFTER INSERT ON strategy_minutes.signed_entries
    FOR EACH ROW EXECUTE FUNCTION strategy_minutes.drift_on_entry();

ALTER TABLE strategy_minutes.drift ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategy_minutes.drift FORCE ROW LEVEL SECURITY;
GRANT SELECT ON strategy_minutes.drift
    TO strategy_minutes_chair, strategy_minutes_admin, strategy_minutes_manager;
CREATE POLICY everyone_reads ON strategy_minutes.drift FOR SELECT
    TO strategy_minutes_chair, strategy_minutes_admin, strategy_minutes_manager USING (true);
-- Only the owner, through the triggers above, writes it.
CREATE POLICY kept_by_trigger ON strategy_minutes.drift FOR ALL
    TO CURRENT_USER USING (true) WITH CHECK (true);

REVOKE EXECUTE ON FUNCTION strategy_minutes.refresh_drift(text) FROM PUBLIC;

SELECT strategy_minutes.refresh_drift(m)
  FROM (SELECT DISTINCT meeting_id AS m FROM strategy_minutes.signed_versions
         WHERE audience = 'full') AS published;
