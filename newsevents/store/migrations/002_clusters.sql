-- 002: event clusters: reports of one real-world event across articles.
CREATE TABLE event_clusters (
    cluster_id      VARCHAR PRIMARY KEY,
    source_code     VARCHAR NOT NULL,
    target_code     VARCHAR,
    cameo_root      VARCHAR NOT NULL,
    modality        VARCHAR NOT NULL,
    date_first      DATE,      -- earliest day the reports' event dates can mean
    date_last       DATE,      -- latest such day
    first_reported  DATE,      -- earliest publication date among the reports
    last_reported   DATE,
    n_mentions      INTEGER NOT NULL,   -- events (mentions) in the cluster
    n_sources       INTEGER NOT NULL,   -- distinct publishers (URL host, else file)
    n_articles      INTEGER NOT NULL    -- distinct articles
);
ALTER TABLE events ADD COLUMN cluster_id VARCHAR;
