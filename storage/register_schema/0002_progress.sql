-- Version 2: action progress recorded after signing is published as a signed entry too.
ALTER TABLE strategy_minutes.signed_entries DROP CONSTRAINT signed_entries_kind_check;
ALTER TABLE strategy_minutes.signed_entries
    ADD CONSTRAINT signed_entries_kind_check CHECK (kind IN ('oversight', 'progress'));
