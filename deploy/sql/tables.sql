-- RecStream's outputs as Flink SQL tables (upsert-kafka; needs flink-sql-connector-kafka on the
-- SQL client's classpath). Replace broker:9092 with your brokers.
-- integration-tests/.../SqlOverOutputsIT runs these statements, as they are, against the topics
-- the job writes, and reads both tables back.

-- Each user's current list: one row per user, updated as the job publishes new versions.
CREATE TABLE recommendations (
  `user`         STRING,
  version        BIGINT,
  modelVersion   STRING,
  items          ARRAY<ROW<item STRING, score FLOAT>>,
  ts             BIGINT,
  channel        STRING,
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

-- The item model: one row per item, the authoritative copy the job's item-learner publishes.
-- id is the item's numeric id inside the job (a 64-bit hash of its name); neighbours are such ids:
-- join them to id for their names.
-- An item that expires (recstream.item.state-ttl) is a tombstone on the topic: its row is deleted.
CREATE TABLE item_factors (
  item             STRING,
  id               BIGINT,
  version          BIGINT,
  vector           ARRAY<FLOAT>,
  bias             FLOAT,
  popularity       DOUBLE,
  popularityTs     BIGINT,
  neighbours       ARRAY<BIGINT>,
  neighbourWeights ARRAY<FLOAT>,
  PRIMARY KEY (item) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'item-factors',
  'properties.bootstrap.servers' = 'broker:9092',
  'key.format' = 'raw',
  'value.format' = 'json'
);

-- Examples
-- The current list of one user:
--   SELECT r.version, r.modelVersion, i.item, i.score
--   FROM recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score)
--   WHERE r.`user` = 'user-17';
-- The most popular items now:
--   SELECT item, popularity FROM item_factors ORDER BY popularity DESC LIMIT 20;
