-- 003: the actor codes in the store with their countries and event counts (source and
-- target mentions). Kept up to date in the same transaction as the events, it lets an
-- actor filter first narrow the scan to the few codes an actor can have.
CREATE TABLE actor_codes (
    code      VARCHAR NOT NULL,
    country   VARCHAR NOT NULL,   -- '' when the code has no country (IGOs, groups)
    n_events  BIGINT NOT NULL,
    PRIMARY KEY (code, country)
);
INSERT INTO actor_codes
SELECT code, coalesce(country, ''), count(*)
FROM (
    SELECT source_code AS code, source_country AS country FROM events
    UNION ALL
    SELECT target_code, target_country FROM events WHERE target_code IS NOT NULL
) AS mentions
GROUP BY ALL;
