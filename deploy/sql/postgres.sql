-- The PostgreSQL table of each user's current recommendation list, written by the job's
-- PostgreSQL sink (recstream.postgres.url; deploy/README.md "PostgreSQL").
-- Run once per database: psql -d recstream -f deploy/sql/postgres.sql

CREATE TABLE IF NOT EXISTS recommendations (
    user_id       TEXT        PRIMARY KEY,
    -- 1, 2, 3, ... per user, as on the recommendations topic; a row never goes back to an older one
    version       BIGINT      NOT NULL,
    -- [{"item": "...", "score": 0.93, "reason": null}, ...], best first; reason: why the item is listed (null until explanations)
    items         JSONB       NOT NULL,
    model_version TEXT        NOT NULL,
    -- the user's experiment bucket (null until experiments)
    bucket        TEXT,
    -- event time of the event that caused the list
    event_time    TIMESTAMPTZ NOT NULL,
    -- when the sink wrote the row (the commit of the checkpoint that produced the list)
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
