-- 006: how precise an event's place is: 'city', 'region' or 'country' (the event record's
-- location.precision, added in 0.2). Events stored before it have a place only where the
-- coder found a city (with coordinates) or a country (without): that is what the
-- coordinates say.
ALTER TABLE events ADD COLUMN location_precision VARCHAR;
UPDATE events SET location_precision = CASE WHEN location_lat IS NULL THEN 'country' ELSE 'city' END
WHERE location_name IS NOT NULL;
