-- 007: newsevents watch (IF NOT EXISTS: a store rolled back to an older migration by hand
-- still upgrades). What each watched source said last (HTTP validators), how it
-- fails (backoff), which of its items are done, each cycle, each failure, and the alerts
-- raised (once each: alert_key). A restarted watch resumes from these tables.
CREATE TABLE IF NOT EXISTS watch_sources (
    source        VARCHAR PRIMARY KEY,  -- a feed URL or a folder's absolute path
    kind          VARCHAR NOT NULL,     -- feed | folder
    etag          VARCHAR,              -- the feed's last ETag (sent as If-None-Match)
    last_modified VARCHAR,              -- its last Last-Modified (sent as If-Modified-Since)
    last_checked  TIMESTAMP,
    last_ok       TIMESTAMP,
    failures      INTEGER NOT NULL DEFAULT 0,  -- failures in a row (0 once it works again)
    last_error    VARCHAR,
    retry_after   TIMESTAMP             -- skipped until then (backoff)
);

CREATE TABLE IF NOT EXISTS watch_items (
    source     VARCHAR NOT NULL,
    item_key   VARCHAR NOT NULL,        -- a feed item's id or link; a file's path|size|mtime
    url        VARCHAR,
    status     VARCHAR NOT NULL,        -- ingested | rejected | skipped | failed | abandoned
    attempts   INTEGER NOT NULL,
    reason     VARCHAR,
    first_seen TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, item_key)
);

CREATE TABLE IF NOT EXISTS watch_cycles (
    cycle_id    VARCHAR PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    run_id      VARCHAR,                -- the ingest run of the cycle (none when nothing was new)
    n_sources   INTEGER,
    n_new       INTEGER,
    n_seen      INTEGER,
    n_failed    INTEGER,
    n_events    INTEGER,
    n_alerts    INTEGER,
    status      VARCHAR NOT NULL        -- running | finished | interrupted
);

CREATE TABLE IF NOT EXISTS watch_failures (
    cycle_id  VARCHAR NOT NULL,
    source    VARCHAR NOT NULL,
    url       VARCHAR,                  -- the page, when an item failed (else the source)
    failed_at TIMESTAMP NOT NULL,
    reason    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS watch_state (
    name  VARCHAR PRIMARY KEY,          -- alerts_checked_until: articles after it are new
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS alerts (
    alert_key  VARCHAR PRIMARY KEY,     -- the rule and what it found: raised once
    rule       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,        -- surge | first | new-pair
    raised_at  TIMESTAMP NOT NULL,
    message    VARCHAR NOT NULL,
    details    VARCHAR NOT NULL         -- JSON
);
