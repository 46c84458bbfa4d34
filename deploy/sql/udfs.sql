-- RecStream SQL functions over the intent model (io.recstream.sql, udfs module).
--
-- The classes and the model files (models/intent-*.onnx in the jar) ship in the udfs jar; they
-- need DJL and ONNX Runtime (ai.djl:api, ai.djl.onnxruntime:onnxruntime-engine 0.38.0) on the
-- classpath too, which the job's shaded jar carries. In a Flink SQL session:

ADD JAR '/opt/recstream/recstream-job.jar';

-- INTENT(text) -> STRING: the most probable intent class (a catalogue category), NULL for NULL.
CREATE FUNCTION IF NOT EXISTS INTENT AS 'io.recstream.sql.IntentFunction' LANGUAGE JAVA;

-- INTENT_SCORES(text) -> MAP<STRING, DOUBLE>: the probability of every class, NULL for NULL.
CREATE FUNCTION IF NOT EXISTS INTENT_SCORES AS 'io.recstream.sql.IntentScoresFunction' LANGUAGE JAVA;

-- Without ADD JAR, the jar can be named per function instead:
--   CREATE TEMPORARY FUNCTION INTENT AS 'io.recstream.sql.IntentFunction'
--     USING JAR '/opt/recstream/recstream-job.jar';

-- Which model: by default the synthetic-catalogue model in the jar (classpath:models/intent-synthetic.onnx).
-- Another one, for every task of the job, via the job parameter or JVM system property
-- recstream.intent.model, or the environment variable RECSTREAM_INTENT_MODEL of the TaskManagers:
--   classpath:models/intent-movielens.onnx      (MovieLens genres; research use only, see models/README.md)
--   /opt/recstream/models/intent-custom.onnx    (its .labels.txt and .json beside it)
-- In the SQL client (the value is quoted because it holds colons; '' is an escaped quote):
--   SET 'pipeline.global-job-parameters' = 'recstream.intent.model:''classpath:models/intent-movielens.onnx''';

-- Examples
SELECT txt, INTENT(txt) AS intent
FROM (VALUES ('wireless headphones'), ('paperback novel')) AS t(txt);
-- wireless headphones | electronics
-- paperback novel     | books

SELECT INTENT_SCORES('olive oil')['grocery'] AS p_grocery;
