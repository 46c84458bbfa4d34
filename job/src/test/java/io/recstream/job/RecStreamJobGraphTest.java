package io.recstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.event.EventSerializer;
import io.recstream.experiment.StickinessCounts;
import io.recstream.functions.RecommendationPublisher;
import io.recstream.job.kafka.KafkaConnectors;
import io.recstream.model.ItemFactor;
import io.recstream.models.ModelVersion;
import io.recstream.recommend.UserProfile;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The savepoint contract: every operator of the graph {@code flink run} submits has a fixed uid,
 * so a savepoint of one build restores into the next (deploy/README.md); and no record, key or
 * state of it is serialised by Kryo. Building the graph does not connect to Kafka.
 */
class RecStreamJobGraphTest {
    /**
     * The types of the operators' keyed and broadcast state. Records and keys are checked from the graph; state
     * descriptors are made when an operator opens, so they are listed here.
     */
    private static final List<Class<?>> STATE_TYPES = List.of(UserProfile.class, ItemFactor.class, Long.class,
            RecommendationPublisher.PublishedList.class, StickinessCounts.class, ModelVersion.class);

    private static StreamGraph productionGraph(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);
        return env.getStreamGraph();
    }

    @Test
    void noRecordKeyOrStateOfTheGraphIsAGenericType() {
        // generic types allowed by the configuration: the job must disable them itself
        Configuration conf = new Configuration().set(PipelineOptions.GENERIC_TYPES, true);
        StreamGraph graph = productionGraph(conf);
        SerializerConfig serializers = graph.getExecutionConfig().getSerializerConfig();
        assertThat(serializers.hasGenericTypesDisabled()).isTrue();

        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> used = new ArrayList<>(Arrays.asList(node.getTypeSerializersIn()));
            used.add(node.getTypeSerializerOut());
            used.add(node.getStateKeySerializer());
            for (TypeSerializer<?> serializer : used) {
                if (serializer != null) { // a source has no input, a sink no output, an unkeyed operator no key
                    assertThat(serializer).as(node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
                }
            }
        }
        for (Class<?> state : STATE_TYPES) {
            TypeInformation<?> type = TypeInformation.of(state);
            assertThat(type).as(state.getSimpleName()).isNotInstanceOf(GenericTypeInfo.class);
            type.createSerializer(serializers); // throws on a generic field anywhere inside
        }
    }

    private static StreamNode node(StreamGraph graph, String uid) {
        return graph.getStreamNodes().stream().filter(n -> uid.equals(n.getTransformationUID())).findFirst().orElseThrow();
    }

    /**
     * The events reach the user-learner in their own format (EventSerializer), with or without the
     * stamper and the intent model before it; the intent model's input, whose serializer is also
     * that of its state of in-flight events in every savepoint, stays the POJO serializer.
     */
    @Test
    void theEventsCrossIntoTheUserLearnerInTheirOwnFormatAndTheIntentModelsStateKeepsThePojoOne() {
        for (Configuration conf : List.of(new Configuration(), new Configuration().set(ModelOptions.MODELS_TOPIC, ""),
                new Configuration().set(ModelOptions.INTENT_ENABLED, false),
                new Configuration().set(ModelOptions.INTENT_ENABLED, false).set(ModelOptions.MODELS_TOPIC, ""))) {
            StreamGraph graph = productionGraph(conf);

            assertThat(node(graph, "user-learner").getTypeSerializersIn()[0]).as(conf.toString()).isInstanceOf(EventSerializer.class);
            if (conf.get(ModelOptions.INTENT_ENABLED)) {
                assertThat(node(graph, "intent-model").getTypeSerializersIn()[0]).as(conf.toString()).isInstanceOf(PojoSerializer.class);
            }
        }
    }

    /** Object reuse is audited for this graph (docs/ARCHITECTURE.md, "Object reuse"), so the job turns it on itself. */
    @Test
    void theGraphRunsWithObjectReuseWhateverTheConfigurationSays() {
        StreamGraph graph = productionGraph(new Configuration().set(PipelineOptions.OBJECT_REUSE, false));

        assertThat(graph.getExecutionConfig().isObjectReuseEnabled()).isTrue();
    }

    @Test
    void aGenericTypeFailsTheBuild() {
        SerializerConfig serializers = productionGraph(new Configuration()).getExecutionConfig().getSerializerConfig();
        assertThatThrownBy(() -> TypeInformation.of(Object.class).createSerializer(serializers))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * The list is also the operators checked for object reuse (docs/ARCHITECTURE.md, "Object
     * reuse"): an operator added here must keep, change and re-emit no record it was handed or has
     * sent on, or copy what it holds, and have a test that says so.
     */
    @Test
    void everyOperatorOfTheProductionGraphHasItsFixedUid() {
        // with every optional operator but the Postgres sink (below)
        StreamGraph graph = productionGraph(new Configuration().set(ModelOptions.RANKER_ENABLED, true));

        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).doesNotContainNull().containsExactlyInAnyOrder(
                "events-source", "event-validation", "event-watermarks", "intent-model",
                "dead-letter-sink", "Sink Committer: dead-letter-sink",
                "item-factors-source", "item-factors-batcher", "user-learner", "item-update-accumulator", "item-learner",
                "item-factors-sink", "Sink Committer: item-factors-sink",
                "ranking-model", "evaluated-lists", "quality-check", "live-lists",
                "recommendation-publisher", "recommendations-sink", "Sink Committer: recommendations-sink",
                "stickiness-combiner", "stickiness-windows", "metrics-sink", "Sink Committer: metrics-sink",
                "models-source", "model-validator", "model-stamper");
    }

    @Test
    void withoutAModelStoreTopicTheJobServesTheConfiguredModelsOnly() {
        StreamGraph graph = productionGraph(new Configuration().set(ModelOptions.MODELS_TOPIC, "").set(ModelOptions.RANKER_ENABLED, true));

        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).doesNotContain("models-source", "model-validator", "model-stamper").contains("ranking-model");
    }

    /** The stamper starts a chain on the events; the candidate lists still reach the ranker without a hop. */
    @Test
    void theRankingModelRunsInTheUserLearnersChainAndTheStamperInTheIntentModels() {
        JobGraph job = productionGraph(new Configuration().set(ModelOptions.RANKER_ENABLED, true)).getJobGraph();

        assertThat(job.getVertices()).extracting(JobVertex::getName)
                .anyMatch(name -> name.contains("user-learner") && name.contains("ranking-model"))
                .anyMatch(name -> name.contains("model-stamper") && name.contains("intent-model"));
    }

    @Test
    void byDefaultListsAreOrderedByTheRankingModelAndWithTheRankerOffKeepTheBlendOrder() {
        List<String> byDefault = productionGraph(new Configuration()).getStreamNodes().stream()
                .map(StreamNode::getTransformationUID).toList();
        List<String> off = productionGraph(new Configuration().set(ModelOptions.RANKER_ENABLED, false)).getStreamNodes()
                .stream().map(StreamNode::getTransformationUID).toList();

        assertThat(byDefault).contains("user-learner", "live-lists", "ranking-model");
        assertThat(off).contains("user-learner", "live-lists").doesNotContain("ranking-model");
    }

    @Test
    void rankingExamplesJoinWithTheirFixedUidsInTheUserLearnersChainOnlyWhenTheirTopicIsSet() {
        Configuration on = new Configuration().set(ModelOptions.EXAMPLES_TOPIC, "ranking-examples");
        StreamGraph graph = productionGraph(on);

        assertThat(graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList())
                .contains("ranking-examples-sink", "Sink Committer: ranking-examples-sink");
        for (StreamNode node : graph.getStreamNodes()) {
            for (TypeSerializer<?> serializer : node.getTypeSerializersIn()) {
                assertThat(serializer).as(node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
            }
        }
        assertThat(graph.getJobGraph().getVertices()).extracting(JobVertex::getName)
                .anyMatch(name -> name.contains("user-learner") && name.contains("ranking-examples"));
        assertThat(productionGraph(new Configuration()).getStreamNodes().stream().map(StreamNode::getTransformationUID).toList())
                .doesNotContain("ranking-examples-sink");
    }

    /**
     * A user's lists are made in the user-learner subtask that owns the user, so the publisher, keyed
     * by the same user, joins that chain: no list is serialised between them, with the ranker on or off.
     */
    @Test
    void thePublisherRunsInTheUserLearnersChain() {
        for (boolean ranker : new boolean[] {true, false}) {
            JobGraph job = productionGraph(new Configuration().set(ModelOptions.RANKER_ENABLED, ranker)).getJobGraph();

            assertThat(job.getVertices()).extracting(JobVertex::getName).as("ranker %s", ranker)
                    .anyMatch(name -> name.contains("user-learner") && name.contains("recommendation-publisher"));
        }
    }

    @Test
    void theItemUpdateAccumulatorRunsInTheUserLearnersChain() {
        JobGraph job = productionGraph(new Configuration().set(ModelOptions.RANKER_ENABLED, true)).getJobGraph();

        assertThat(job.getVertices()).extracting(JobVertex::getName)
                .anyMatch(name -> name.contains("user-learner") && name.contains("item-update-accumulator"));
    }

    @Test
    void thePostgresSinkJoinsWithItsFixedUidsWhenItsUrlIsSet() {
        Configuration conf = new Configuration();
        conf.set(PostgresOptions.URL, "jdbc:postgresql://db:5432/recstream");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        RecStreamJob.builder().kafka(new KafkaConnectors(conf)).config(conf).build().build(env);

        List<String> uids = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();

        assertThat(uids).contains("postgres-sink", "Sink Committer: postgres-sink");
    }
}
