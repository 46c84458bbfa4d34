package io.recstream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedModelsTest {
    private final List<String> loads = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();

    private void hold(String name, String version) {
        LoadedModels.hold(name, version, () -> {
            loads.add(version);
            return () -> closes.add(version);
        });
    }

    @Test
    void aVersionLoadsOncePerJvmAndStaysOpenWhileHeldRetiredOrBorrowed() {
        String name = "test-swaps";
        hold(name, "v1");
        hold(name, "v1"); // a second subtask in the same JVM
        assertThat(loads).containsExactly("v1");

        hold(name, "v2");
        LoadedModels.release(name, "v1");
        LoadedModels.release(name, "v1");
        // retired, not closed: elements stamped with v1 may still be on their way
        assertThat(closes).isEmpty();
        LoadedModels.Loaded v1 = LoadedModels.borrow(name, "v1");
        assertThat(v1).isNotNull();

        hold(name, "v3");
        LoadedModels.release(name, "v2"); // v2 retires, v1 goes, but only once given back
        assertThat(closes).isEmpty();
        assertThat(LoadedModels.borrow(name, "v1")).as("gone for new calls").isNull();
        LoadedModels.giveBack(v1);
        assertThat(closes).containsExactly("v1");

        LoadedModels.release(name, "v3"); // nothing of the model held: the job ended
        assertThat(closes).containsExactlyInAnyOrder("v1", "v2", "v3");
        assertThat(LoadedModels.borrow(name, "v3")).isNull();
    }

    @Test
    void aRetiredVersionCanGoLiveAgain() {
        String name = "test-rollback";
        hold(name, "v1");
        hold(name, "v2");
        LoadedModels.release(name, "v1");
        hold(name, "v1"); // rolled back
        LoadedModels.release(name, "v2");
        assertThat(loads).containsExactly("v1", "v2");
        assertThat(closes).isEmpty();
        LoadedModels.release(name, "v1");
        assertThat(closes).containsExactlyInAnyOrder("v1", "v2");
    }

    @Test
    void aFailedLoadHoldsNothingAndAReleaseMustMatchAHold() {
        String name = "test-failures";
        assertThatThrownBy(() -> LoadedModels.hold(name, "v1", () -> {
            throw new ModelLoadException("corrupt");
        })).hasMessage("corrupt");
        assertThat(LoadedModels.borrow(name, "v1")).isNull();
        assertThatThrownBy(() -> LoadedModels.release(name, "v1")).isInstanceOf(IllegalStateException.class);
    }
}
