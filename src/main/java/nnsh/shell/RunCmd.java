package nnsh.shell;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", aliases = {"source"}, description = "Run the commands of a .nnsh script file in this session.",
        footer = {"", "The script changes this session (its data, network and settings); the first",
                "error stops it and names the file and line. Ctrl-C stops it too.",
                "", "Examples:", "  run scripts/two-layer.nnsh", "  source scripts/digits-8x8.nnsh"})
public final class RunCmd extends Cmd {
    private final Commands commands;

    @Parameters(index = "0", paramLabel = "FILE", description = "the script: commands one or more a line, '#' comments")
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
