-- 004: which part of the coder produced each event: the patterns, the learned model, or
-- both (the event record's "by"). Events stored before the model existed came from the
-- patterns.
ALTER TABLE events ADD COLUMN produced_by VARCHAR DEFAULT 'pattern';
