package nnsh.shell;

import picocli.CommandLine.Command;

@Command(name = "clear", description = "Clear the screen (Ctrl-L does it too).",
        footer = {"", "Example:", "  clear"})
public final class ClearCmd extends Cmd {
    public ClearCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        // Only a person at a terminal has a screen to clear; scripts and pipes print nothing.
        if (s.live) {
            out().print("\u001b[H\u001b[2J");
            out().flush();
        }
    }
}
