package nnsh.shell;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "echo", description = "Print a line of text (handy in scripts).",
        footer = {"", "Example:", "  echo \"now with a dev set\""})
public final class EchoCmd extends Cmd {
    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "words to print, separated by one space")
    List<String> words;

    public EchoCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        out().println(words == null ? "" : String.join(" ", words));
    }
}
