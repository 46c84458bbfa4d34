-- RecStream's outputs as Flink SQL tables (the upsert-kafka and kafka connectors: they need
-- flink-sql-connector-kafka or the job jar on the SQL client's classpath). Replace broker:9092
-- with your brokers; deploy/sql-gateway points the tables at its configured brokers and topics.
-- These statements run as they are in integration-tests/.../SqlOverOutputsIT (against the topics
-- the job writes) and in every session of the SQL Gateway in SqlGatewayIT.

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

-- The same topic as a log, for batch queries (JDBC tools through deploy/sql-gateway): every list
-- the topic still holds, read up to its end at the time of the query. Batch queries cannot read
-- the upsert table above; current_recommendations below takes each user's last list from here.
CREATE TABLE recommendations_log (
  `user`         STRING,
  version        BIGINT,
  modelVersion   STRING,
  items          ARRAY<ROW<item STRING, score FLOAT>>,
  ts             BIGINT,
  channel        STRING,
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
SELECT `user`, version, modelVersion, items, ts, channel
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY `user` ORDER BY `offset` DESC) AS newest
  FROM recommendations_log
)
WHERE newest = 1;

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
-- The current list of one user, in batch mode (SET 'execution.runtime-mode' = 'batch'; the
-- default of deploy/sql-gateway):
--   SELECT r.version, r.modelVersion, i.item, i.score
--   FROM current_recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score)
--   WHERE r.`user` = 'user-17';
-- The same, live (streaming mode: a changelog, updated as the job publishes new versions):
--   SELECT r.version, r.modelVersion, i.item, i.score
--   FROM recommendations AS r CROSS JOIN UNNEST(r.items) AS i(item, score)
--   WHERE r.`user` = 'user-17';
-- The most popular items now:
--   SELECT item, popularity FROM item_factors ORDER BY popularity DESC LIMIT 20;
