-- RecStream's outputs as Flink SQL tables (the upsert-kafka and kafka connectors: they need
-- flink-sql-connector-kafka or the job jar on the SQL client's classpath). Replace broker:9092
-- with your brokers; deploy/sql-gateway points the tables at its configured brokers and topics.
-- These statements run as they are in integration-tests/.../SqlOverOutputsIT (against the topics
-- the job writes; it reads recommendations and item_factors back) and in every session of the
-- SQL Gateway in SqlGatewayIT.

-- Each user's current list: one row per user, updated as the job publishes new versions. Each item
-- carries why it is listed: reason.because is co-occurrence (reason.item: the user's recent item
-- that led to it), search (reason.intent), re-find, factor, trending or popularity (README).
CREATE TABLE recommendations (
  `user`         STRING,
  version        BIGINT,
  modelVersion   STRING,
  items          ARRAY<ROW<item STRING, score FLOAT, reason ROW<because STRING, item STRING, intent STRING>>>,
  ts             BIGINT,
  channel        STRING,
  -- the user's experiment bucket (recstream.experiment.buckets; "default" without an experiment)
  bucket         STRING,
  PRIMARY KEY (`user`) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'recommendations',
  'properties.bootstrap.servers' = 'broker:9092',
  -- written transactionally: read only what completed checkpoints committed
  'properties.isolation.level' = 'read_committed',
  'key.format' = 'raw',
  'value.format' = 'json'
);

-- The same topic as a log, for batch queries (JDBC tools through deploy/sql-gateway): every list
-- the topic still holds, read up to its end at the time of the query. Batch queries cannot read
-- the upsert table above; current_recommendations below takes each user's last list from here.
CREATE TABLE recommendations_log (
  `user`         STRING,
  version        BIGINT,
  modelVersion   STRING,
  items          ARRAY<ROW<item STRING, score FLOAT, reason ROW<because STRING, item STRING, intent STRING>>>,
  ts             BIGINT,
  channel        STRING,
  bucket         STRING,
  `partition`    INT METADATA VIRTUAL,
  `offset`       BIGINT METADATA VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'recommendations',
  'properties.bootstrap.servers' = 'broker:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'value.format' = 'json'
);

-- Each user's current list in batch mode: the user's last record on the topic (a user's lists
-- share a partition, so the highest offset is the newest, as the upsert table takes it).
CREATE VIEW current_recommendations AS
SELECT `user`, version, modelVersion, items, ts, channel, bucket
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY `user` ORDER BY `offset` DESC) AS newest
  FROM recommendations_log
)
WHERE newest = 1;

-- The item model: one row per item, the authoritative copy the job's item-learner publishes.
-- The topic's values are binary (format 1 of io.recstream.model.ItemFactorCodec: no float text to
-- format and parse in the job's loop); the function ITEM_FACTOR, in the job's jar, decodes them, so
-- run ADD JAR '/opt/recstream/recstream-job.jar' first (see udfs.sql).
-- An item that expires (recstream.item.state-ttl) is a tombstone on the topic: its row is deleted.
CREATE TABLE item_factor_records (
  item     STRING,
  encoded  BYTES,
  PRIMARY KEY (item) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'item-factors',
  'properties.bootstrap.servers' = 'broker:9092',
  'key.format' = 'raw',
  'value.format' = 'raw',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- ITEM_FACTOR(encoded) -> ROW<id, version, vector, bias, popularity, popularityTs, neighbours,
-- neighbourWeights, touchedTs>; NULL for a value in a format this build does not know.
CREATE FUNCTION IF NOT EXISTS ITEM_FACTOR AS 'io.recstream.sql.ItemFactorFunction' LANGUAGE JAVA;

-- The items decoded. id is the item's numeric id inside the job (a 64-bit hash of its name);
-- neighbours are such ids: join them to id for their names.
CREATE VIEW item_factors AS
SELECT r.item, r.f.id AS id, r.f.version AS version, r.f.vector AS vector, r.f.bias AS bias,
       r.f.popularity AS popularity, r.f.popularityTs AS popularityTs, r.f.neighbours AS neighbours,
       r.f.neighbourWeights AS neighbourWeights
FROM (SELECT item, ITEM_FACTOR(encoded) AS f FROM item_factor_records) AS r;

-- Examples
-- The current list of one user, in batch mode (SET 'execution.runtime-mode' = 'batch'; the
-- default of deploy/sql-gateway):
--   SELECT r.version, r.modelVersion, i.item, i.score, i.reason.because, i.reason.item, i.reason.intent
--   FROM current_recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score, reason)
--   WHERE r.`user` = 'user-17';
-- The same, live (streaming mode: a changelog, updated as the job publishes new versions):
--   SELECT r.version, r.modelVersion, i.item, i.score, i.reason.because
--   FROM recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score, reason)
--   WHERE r.`user` = 'user-17';
-- The most popular items now:
--   SELECT item, popularity FROM item_factors ORDER BY popularity DESC LIMIT 20;
