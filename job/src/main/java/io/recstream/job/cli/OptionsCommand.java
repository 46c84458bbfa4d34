package io.recstream.job.cli;

import io.recstream.event.EventType;
import io.recstream.job.ExperimentOptions;
import io.recstream.job.LearningOptions;
import io.recstream.job.ModelOptions;
import io.recstream.job.PostgresOptions;
import io.recstream.job.RecStreamOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./recstream options}: the table of every option, generated from their definitions. */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "Print every configuration option (key, default, description) as a Markdown table.")
public final class OptionsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("| Option | Default | Description |");
        System.out.println("|---|---|---|");
        for (ConfigOption<?> option : all()) {
            Object value = option.hasDefaultValue() ? option.defaultValue() : null;
            String shown = value instanceof Duration ? TimeUtils.formatWithHighestUnit((Duration) value) : String.valueOf(value);
            System.out.printf("| `%s` | %s | %s |%n", option.key(), value == null ? "" : "`" + shown + "`",
                    new HtmlFormatter().format(option.description()).replace("|", "\\|"));
        }
        return 0;
    }

    static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        options.addAll(declaredIn(RecStreamOptions.class));
        options.addAll(declaredIn(LearningOptions.class));
        options.addAll(declaredIn(ModelOptions.class));
        options.addAll(declaredIn(PostgresOptions.class));
        options.addAll(declaredIn(ExperimentOptions.class));
        for (EventType type : EventType.values()) {
            options.add(LearningOptions.typeWeight(type));
        }
        return options;
    }

    private static List<ConfigOption<?>> declaredIn(Class<?> holder) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }
}
