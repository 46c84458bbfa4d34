package io.recstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.experiment.Bucket;
import io.recstream.experiment.Experiment;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

class ExperimentOptionsTest {

    @Test
    void withoutBucketsThereIsOneDefaultBucketWithTheJobsSettings() {
        Configuration conf = new Configuration();
        conf.set(LearningOptions.TOP_K, 7);
        conf.set(ModelOptions.RANKER_ENABLED, false);

        Experiment experiment = ExperimentOptions.toExperiment(conf);

        assertThat(experiment.names()).containsExactly("default");
        assertThat(experiment.bucket(0).scoring.topK).isEqualTo(7);
        assertThat(experiment.bucket(0).ranked).isFalse();
    }

    @Test
    void bucketsTakeTheirSharesAndOverridesAsADataEngineerWritesThemWithD() {
        Configuration conf = Configuration.fromMap(Map.of(
                "recstream.experiment.buckets", "ranked:30,blend:70",
                "recstream.recommend.weight.popularity", "0.5",
                "recstream.ranker.enabled", "true",
                "recstream.experiment.bucket.blend.ranker.enabled", "false",
                "recstream.experiment.bucket.blend.recommend.top-k", "5",
                "recstream.experiment.bucket.blend.repeat.refind-weight", "0",
                "recstream.experiment.bucket.blend.repeat.purchase-pause", "2 d",
                "recstream.experiment.bucket.ranked.recommend.weight.factor", "0.25"));

        Experiment experiment = ExperimentOptions.toExperiment(conf);

        assertThat(experiment.names()).containsExactly("blend", "ranked");
        Bucket blend = experiment.bucket(0);
        Bucket ranked = experiment.bucket(1);
        assertThat(blend.share).isEqualTo(70);
        assertThat(ranked.share).isEqualTo(30);
        assertThat(blend.ranked).isFalse();
        assertThat(ranked.ranked).isTrue();
        assertThat(blend.scoring.topK).isEqualTo(5);
        assertThat(ranked.scoring.topK).isEqualTo(LearningOptions.TOP_K.defaultValue());
        assertThat(blend.scoring.refindWeight).isZero();
        assertThat(blend.scoring.purchasePauseMs).isEqualTo(Duration.ofDays(2).toMillis());
        assertThat(ranked.scoring.factorWeight).isEqualTo(0.25f);
        assertThat(blend.scoring.factorWeight).isEqualTo(LearningOptions.FACTOR_WEIGHT.defaultValue());
        assertThat(blend.scoring.popularityWeight).as("the job's setting where a bucket does not override it").isEqualTo(0.5f);
        assertThat(experiment.maxTopK()).isEqualTo(10);
    }

    @Test
    void anOverrideOfAnUnknownBucketOrOptionFailsTheJob() {
        Configuration typo = Configuration.fromMap(Map.of(
                "recstream.experiment.buckets", "a:1,b:1",
                "recstream.experiment.bucket.c.recommend.top-k", "5"));
        Configuration notScoring = Configuration.fromMap(Map.of(
                "recstream.experiment.buckets", "a:1,b:1",
                "recstream.experiment.bucket.a.factors.dim", "8"));
        Configuration badShare = Configuration.fromMap(Map.of("recstream.experiment.buckets", "a:half,b:1"));

        assertThatThrownBy(() -> ExperimentOptions.toExperiment(typo)).hasMessageContaining("bucket.c.recommend.top-k");
        assertThatThrownBy(() -> ExperimentOptions.toExperiment(notScoring)).hasMessageContaining("factors.dim");
        assertThatThrownBy(() -> ExperimentOptions.toExperiment(badShare)).hasMessageContaining("half");
    }
}
