package dev.backbone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./backbone}. The only class allowed to call System.exit. */
@Command(name = "backbone", mixinStandardHelpOptions = true, version = "backbone 0.1.0",
        description = "Run the Backbone event-processing stack on this machine.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, TopicsCommand.class, EtlCommand.class,
                ReconcileCommand.class, QueryCommand.class, LoadCommand.class, BenchCommand.class,
                PromoteCommand.class, ChaosCommand.class, CommandLine.HelpCommand.class})
public final class BackboneCli {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new BackboneCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("backbone " + cmd.getCommandName() + ": " + e.getMessage()));
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
