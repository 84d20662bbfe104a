package nnsh.shell;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", aliases = {"source"}, description = "Run the commands of a .nnsh script file in this session.",
        footer = {"", "Example:", "  run scripts/two-layer.nnsh"})
public final class RunCmd extends Cmd {
    private final Commands commands;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    public RunCmd(Session s, Commands commands) {
        super(s);
        this.commands = commands;
    }

    @Override
    protected void run() {
        Scripts.run(commands, file);
    }
}
