-- 001: articles, events, ingest runs and the problems (rejections, read errors) of each run.
CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,   -- content hash of the clean text
    doc_id       VARCHAR NOT NULL,
    origin       VARCHAR,
    url          VARCHAR,
    title        VARCHAR,
    published    DATE,
    date_source  VARCHAR,               -- metadata | text | user | NULL
    text         VARCHAR NOT NULL,
    n_events     INTEGER NOT NULL,
    run_id       VARCHAR NOT NULL,
    ingested_at  TIMESTAMP NOT NULL
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    doc_id            VARCHAR NOT NULL,
    sentence_index    INTEGER NOT NULL,
    source_code       VARCHAR NOT NULL,
    source_country    VARCHAR,
    source_sector     VARCHAR,
    source_name       VARCHAR,
    source_text       VARCHAR,
    source_entity     VARCHAR,
    target_code       VARCHAR,
    target_country    VARCHAR,
    target_sector     VARCHAR,
    target_name       VARCHAR,
    target_text       VARCHAR,
    target_entity     VARCHAR,
    cameo             VARCHAR NOT NULL,
    cameo_root        VARCHAR NOT NULL,
    plover            VARCHAR,
    plover_mode       VARCHAR,
    quad_class        INTEGER NOT NULL,
    goldstein         DOUBLE NOT NULL,
    modality          VARCHAR NOT NULL,
    attributed_code   VARCHAR,
    attributed_country VARCHAR,
    attributed_sector VARCHAR,
    attributed_name   VARCHAR,
    attributed_text   VARCHAR,
    attributed_entity VARCHAR,
    date              VARCHAR,          -- ISO, as precise as the text allows
    date_precision    VARCHAR NOT NULL, -- day | month | year | document
    date_start        DATE,             -- first day the date can mean (for range filters)
    location_name     VARCHAR,
    location_country  VARCHAR,
    location_lat      DOUBLE,
    location_lon      DOUBLE,
    evidence_text     VARCHAR NOT NULL,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    trigger           VARCHAR NOT NULL,
    confidence        DOUBLE NOT NULL,
    run_id            VARCHAR NOT NULL
);
CREATE INDEX events_article ON events (article_id);

CREATE TABLE ingest_runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    user_name    VARCHAR,
    host         VARCHAR,
    version      VARCHAR NOT NULL,
    command      VARCHAR,
    settings     VARCHAR,               -- JSON
    n_read       INTEGER,
    n_new        INTEGER,
    n_duplicate  INTEGER,
    n_rejected   INTEGER,
    n_errors     INTEGER,
    n_events     INTEGER,
    status       VARCHAR NOT NULL       -- running | finished | failed
);

CREATE TABLE problems (
    run_id   VARCHAR NOT NULL,
    origin   VARCHAR NOT NULL,
    doc_id   VARCHAR,
    kind     VARCHAR NOT NULL,          -- rejected | error
    reason   VARCHAR NOT NULL
);
