package nnsh.shell;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A shell command: parses its words (through picocli), calls the engine, prints the result. */
public abstract class Cmd implements Callable<Integer> {
    protected final Session s;

    protected Cmd(Session s) {
        this.s = s;
    }

    protected PrintWriter out() {
        return s.out;
    }

    /** Prints a rendered view, ending it with a newline if it has none. */
    protected void show(String view) {
        out().print(view);
        if (!view.isEmpty() && !view.endsWith("\n")) out().println();
    }

    @Override
    public final Integer call() {
        run();
        return 0;
    }

    protected abstract void run();
}
