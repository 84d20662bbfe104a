package nnsh.inspect;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.shell.Cmd;
import nnsh.shell.RawCommand;
import nnsh.shell.Session;

@Command(name = "java", description = "Evaluate Java against the running session: java W(1).norm()",
        footer = {"",
                "The rest of the line is Java, verbatim (';' and '#' included), run in this",
                "process by JShell, which starts on first use (about a second). Definitions",
                "persist from one 'java' to the next; 'java' alone lists what is in scope:",
                "  net(), W(l), b(l), dW(l), db(l)  live matrices (layers from 1, W is out x in)",
                "  X(\"dev\"), Y(\"dev\")               images (features x m) and labels of a split",
                "  A(l, \"dev\")                      layer l's activations, units x m",
                "  history(), last(), session()     training record, last predict, everything",
                "Writes are live: the next predict, eval or train sees them. Ctrl-C stops a",
                "snippet that runs too long.",
                "Helpers: java /vars /methods /types /imports /list /reset",
                "",
                "Examples:",
                "  java W(1)                  $1 ==> W1 16x64 [[0.0123, -0.2, 0.05, ...], ...]",
                "  java W(1).rows(); b(1).norm(); net().spec()",
                "  java argmax(W(1).rowNorms())     the hidden unit with the largest",
                "                                   incoming weight norm",
                "  java W(1).fillRow(3, 0); b(1).set(3, 0, 0)    silence hidden unit 3,",
                "  predict 0                                     then see what changed",
                "  java last().probabilities        what the last predict computed",
                "  java double sq(double x) { return x * x; }    defined once, then:",
                "  java sq(W(2).norm())",
                "The fraction of dead ReLUs (never active) on the dev set:",
                "  java Mat A1 = A(1, \"dev\"); int dead = 0;",
                "  java for (int u = 0; u < A1.rows(); u++) if (A1.rowView(u).max() <= 0) dead++;",
                "  java dead / (double) A1.rows()",
                "See scripts/inspect.nnsh for a longer tour."})
public final class JavaCmd extends Cmd implements RawCommand {
    /** For picocli's help only: the command takes its text through {@link #runRaw}. */
    @Parameters(arity = "0..*", paramLabel = "SNIPPET", description = "Java source: an expression, statement or declaration; several may follow each other")
    java.util.List<String> snippet;

    private final JavaEval eval;

    public JavaCmd(Session s) {
        super(s);
        this.eval = new JavaEval(s);
        s.closeWithSession(eval);
    }

    /** The evaluator, for completion. */
    public JavaEval evaluator() {
        return eval;
    }

    @Override
    public void runRaw(String text) {
        if (text.isBlank()) {
            out().println(Api.summary());
            return;
        }
        if (text.startsWith("/") && eval.command(text, out())) return;
        JavaEval.Result r = eval.eval(text, out());
        if (!r.ok) throw new UserError("java: " + r.problem);
    }

    @Override
    protected void run() {
        runRaw(snippet == null ? "" : String.join(" ", snippet));
    }
}
