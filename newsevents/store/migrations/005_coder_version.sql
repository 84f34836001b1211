-- 005: which coder made each event: the package version and a hash of the coder's data
-- files and model (the event record's "coder_version"). Events stored before have none.
ALTER TABLE events ADD COLUMN coder_version VARCHAR;
