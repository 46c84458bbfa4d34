-- The PostgreSQL table of each user's current recommendation list, written by the job's
-- PostgreSQL sink (recstream.postgres.url; deploy/README.md "PostgreSQL").
-- Run once per database: psql -d recstream -f deploy/sql/postgres.sql

CREATE TABLE IF NOT EXISTS recommendations (
    user_id       TEXT        PRIMARY KEY,
    -- 1, 2, 3, ... per user, as on the recommendations topic; the numbering starts again at 1 when
    -- the user's state expired (recstream.user.state-ttl) or the job started without state
    version       BIGINT      NOT NULL,
    -- when that numbering began (versionsSince on the topic): a row moves only to a list with a later
    -- (versions_since, version), so a new numbering replaces the old one and nothing older comes back
    versions_since TIMESTAMPTZ NOT NULL,
    -- [{"item": "...", "score": 0.93, "reason": {"because": "co-occurrence", "item": "..."}}, ...], best first;
    -- reason: why the item is listed (README "Why an item is listed")
    items         JSONB       NOT NULL,
    model_version TEXT        NOT NULL,
    -- the user's experiment bucket (recstream.experiment.buckets; "default" without an experiment)
    bucket        TEXT,
    -- event time of the event that caused the list
    event_time    TIMESTAMPTZ NOT NULL,
    -- when the sink wrote the row (the commit of the checkpoint that produced the list)
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
