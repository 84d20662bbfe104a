package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", description = "List the commands, or explain one: help train.",
        footer = {"", "Examples:", "  help          every command, a line each", "  help train    train's options and examples",
                "  train --help  the same"})
public final class HelpCmd extends Cmd {
    private final Commands commands;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "the command to explain")
    String command;

    public HelpCmd(Session s, Commands commands) {
        super(s);
        this.commands = commands;
    }

    @Override
    protected void run() {
        if (command != null) {
            commands.usage(command, out());
            return;
        }
        out().println("Commands (type 'help COMMAND' for its options and examples):");
        for (String n : commands.names()) {
            out().println(String.format("  %-10s %s", n, commands.description(n)));
        }
        out().println();
        out().println("Quick start:  load  ->  init 784-10-10  ->  train 100  ->  eval  ->  predict 0");
        out().println("Several commands on one line: separate them with ';'. A '#' starts a comment.");
        out().println("'java' takes the rest of its line as Java, ';' and '#' included.");
    }
}
