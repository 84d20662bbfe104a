package nnsh.shell;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "echo", description = "Print a line of text (handy in scripts).")
public final class EchoCmd extends Cmd {
    @Parameters(arity = "0..*", paramLabel = "TEXT")
    List<String> words;

    public EchoCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        out().println(words == null ? "" : String.join(" ", words));
    }
}
