package nnsh.shell;

import picocli.CommandLine.Command;

/** Leaves the shell, or ends the script it is in: {@link Commands#run} sees it and returns EXIT. */
@Command(name = "exit", aliases = {"quit"}, description = "Leave nnsh (also quit, or Ctrl-D).",
        footer = {"", "In a script, 'exit' ends the script there.",
                "", "Examples:", "  exit", "  quit"})
public final class ExitCmd extends Cmd {
    public ExitCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        // Nothing to do here: leaving is the caller's part.
    }
}
