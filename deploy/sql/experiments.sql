-- Compare the buckets of an experiment (recstream.experiment.buckets, docs/EXPERIMENTS.md) over the
-- job's stickiness metrics: one record per bucket and event-time window (recstream.experiment.window)
-- on the recstream-metrics topic. Replace broker:9092 with your brokers (deploy/sql-gateway does it
-- from its configuration). Batch mode (SET 'execution.runtime-mode' = 'batch'): the tables read the
-- topic up to its end at the time of the query. These statements run as they are in
-- integration-tests/.../ExperimentsIT against the topic the job wrote.

-- Every closed window of every bucket. Times are epoch milliseconds; a rate is NULL when its
-- denominator is 0.
CREATE TABLE experiment_windows (
  bucket             STRING,
  windowStart        BIGINT,
  windowEnd          BIGINT,
  users              BIGINT,
  returningUsers     BIGINT,
  returnRate         DOUBLE,
  interactions       BIGINT,
  clickThroughs      BIGINT,
  clickThroughRate   DOUBLE,
  purchases          BIGINT,
  purchasesFromLists BIGINT,
  listsPublished     BIGINT,
  coverage           BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'recstream-metrics',
  'properties.bootstrap.servers' = 'broker:9092',
  -- written transactionally: read only what completed checkpoints committed
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'value.format' = 'json'
);

-- Each bucket over all its windows: rates of the summed counts (not means of the windows' rates,
-- which would weigh a quiet hour like a busy one). Coverage is the mean distinct items shown per
-- window: distinct items do not add up across windows.
CREATE VIEW experiment_buckets AS
SELECT bucket,
       COUNT(*)                                                                 AS windows,
       SUM(interactions)                                                        AS interactions,
       SUM(clickThroughs)                                                       AS clickThroughs,
       CAST(SUM(clickThroughs) AS DOUBLE) / NULLIF(SUM(interactions), 0)        AS clickThroughRate,
       SUM(purchases)                                                           AS purchases,
       SUM(purchasesFromLists)                                                  AS purchasesFromLists,
       CAST(SUM(purchasesFromLists) AS DOUBLE) / NULLIF(SUM(purchases), 0)      AS purchaseShareFromLists,
       SUM(users)                                                               AS users,
       CAST(SUM(returningUsers) AS DOUBLE) / NULLIF(SUM(users), 0)              AS returnRate,
       SUM(listsPublished)                                                      AS listsPublished,
       AVG(CAST(coverage AS DOUBLE))                                            AS coveragePerWindow
FROM experiment_windows
GROUP BY bucket;

-- Click-through of every pair of buckets, with the test of "no difference": the difference of the
-- two proportions over its standard error under that hypothesis (pooled p). |z| > 1.96 is a
-- difference at the 5% level for one planned comparison; interactions of one user are alike, so
-- treat a z near the threshold with care (docs/EXPERIMENTS.md "A/A").
CREATE VIEW experiment_click_through AS
SELECT bucketA, bucketB, ctrA, ctrB, ctrA - ctrB AS difference,
       SQRT(p * (1 - p) * (1.0 / nA + 1.0 / nB))               AS standardError,
       (ctrA - ctrB) / SQRT(p * (1 - p) * (1.0 / nA + 1.0 / nB)) AS z
FROM (
  SELECT a.bucket AS bucketA, b.bucket AS bucketB, a.clickThroughRate AS ctrA, b.clickThroughRate AS ctrB,
         CAST(a.interactions AS DOUBLE) AS nA, CAST(b.interactions AS DOUBLE) AS nB,
         CAST(a.clickThroughs + b.clickThroughs AS DOUBLE) / (a.interactions + b.interactions) AS p
  FROM experiment_buckets AS a JOIN experiment_buckets AS b ON a.bucket < b.bucket
  WHERE a.interactions > 0 AND b.interactions > 0
);

-- Examples
-- The buckets side by side:
--   SELECT bucket, clickThroughRate, purchaseShareFromLists, returnRate, coveragePerWindow, interactions
--   FROM experiment_buckets ORDER BY bucket;
-- Is the difference in click-through more than noise?
--   SELECT bucketA, bucketB, difference, standardError, z FROM experiment_click_through;
-- Click-through per bucket and hour, for a chart:
--   SELECT TO_TIMESTAMP_LTZ(windowStart, 3) AS hour, bucket, clickThroughRate, interactions
--   FROM experiment_windows ORDER BY windowStart, bucket;
