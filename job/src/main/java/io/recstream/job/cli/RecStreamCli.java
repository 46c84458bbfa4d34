package io.recstream.job.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./recstream <command>}: the local modes, each on an embedded Kafka and a local Flink. */
@Command(name = "recstream", mixinStandardHelpOptions = true, version = "RecStream 0.1",
        description = "Real-time recommendations learned online in Apache Flink.",
        subcommands = {DemoCommand.class, EvaluateCommand.class, TrainRankerCommand.class, PublishModelCommand.class,
                OptionsCommand.class, CommandLine.HelpCommand.class})
public final class RecStreamCli {
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.exit(new CommandLine(new RecStreamCli()).execute(args));
    }
}
