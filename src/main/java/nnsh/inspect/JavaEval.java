package nnsh.inspect;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import nnsh.UserError;
import nnsh.shell.Session;

/**
 * Evaluates Java snippets in this process with jdk.jshell, against the live session (through
 * {@link Api}), and prints what happened the way the jshell tool does: {@code $1 ==> 42},
 * {@code x ==> W1 10x784 [...]}, {@code |  created method f(int)}, diagnostics with a caret line.
 *
 * <p>JShell is started on first use (it takes about a second) and kept, so definitions persist.
 * Snippets run on a thread of JShell's; while one runs, a watcher stops it when the session's
 * interrupted flag is set (Ctrl-C in the interactive shell).
 */
public final class JavaEval implements AutoCloseable {
    /** What every snippet can use without importing it. */
    static final List<String> PREAMBLE = List.of(
            "import static nnsh.inspect.Api.*;",
            "import nnsh.inspect.*;",
            "import nnsh.nn.*;",
            "import nnsh.data.Dataset;",
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;");

    private final Session session;
    private JShell shell;
    private Thread watcher;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean closed;
    /** Whether a snippet of these definitions was handed the data arrays (see Api.dataHandedOut). */
    private boolean dataHandedOut;

    public JavaEval(Session session) {
        this.session = session;
    }

    /** Whether JShell has been started. */
    public boolean started() {
        return shell != null;
    }

    /** Outcome of one 'java' line. */
    public static final class Result {
        /** Every snippet compiled and ran to the end. */
        public final boolean ok;
        /** One line saying what went wrong (null when ok). */
        public final String problem;

        Result(boolean ok, String problem) {
            this.ok = ok;
            this.problem = problem;
        }
    }

    private JShell shell() {
        if (closed) throw new UserError("java: the session is closed");
        if (shell == null) {
            JShell js = JShell.builder().executionEngine("local").build();
            for (String cp : classPath()) js.addToClasspath(cp);
            Api.bind(session);
            for (String imp : PREAMBLE) {
                for (SnippetEvent e : js.eval(imp)) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        js.close();
                        throw new UserError("java: cannot start (the nnsh classes are not visible to the compiler: "
                                + imp + " was rejected)");
                    }
                }
            }
            shell = js;
            startWatcher();
        }
        return shell;
    }

    /** Where the nnsh classes are (the jar, or target/classes), so snippets compile against them. */
    static List<String> classPath() {
        Set<String> cp = new LinkedHashSet<>();
        try {
            var src = Api.class.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) cp.add(Path.of(src.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // fall back to the class path below
        }
        if (cp.isEmpty()) {
            for (String p : System.getProperty("java.class.path", "").split(File.pathSeparator)) if (!p.isEmpty()) cp.add(p);
        }
        return new ArrayList<>(cp);
    }

    private void startWatcher() {
        watcher = new Thread(() -> {
            while (!closed) {
                if (running && !stopped && session.interrupted) {
                    stopped = true;
                    JShell js = shell;
                    if (js != null) js.stop();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "nnsh-java-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Evaluates the snippets of one line (several may follow each other: {@code int a = 1; a + 1})
     * and prints, to out, what each did. Stops at the first that fails to compile, throws or is stopped.
     */
    public Result eval(String source, PrintWriter out) {
        if (!started()) {
            out.println("starting Java (first use)...");
            out.flush();
        }
        JShell js = shell();
        Api.bind(session);
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        String rest = source;
        PrintStream oldOut = System.out, oldErr = System.err;
        PrintStream snippetOut = writerStream(out), snippetErr = writerStream(session.err);
        session.interrupted = false;
        stopped = false;
        System.setOut(snippetOut);
        System.setErr(snippetErr);
        running = true;
        try {
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
                String snippet;
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
                if (info.completeness().isComplete()) {
                    snippet = info.source().strip();
                    rest = info.remaining();
                } else {
                    snippet = rest.strip();
                    rest = "";
                }
                List<SnippetEvent> events = js.eval(snippet);
                snippetOut.flush();
                snippetErr.flush();
                if (stopped) {
                    out.println("|  stopped (interrupted)");
                    return new Result(false, "interrupted");
                }
                String problem = report(js, snippet, events, out);
                if (problem != null) return new Result(false, problem);
            }
            return new Result(true, null);
        } finally {
            running = false;
            // Once the data arrays have been handed out (X("train") is a live view), any later snippet of these
            // definitions may write into them: the engine's forms of the data are made again from the arrays as
            // they are now. Snippets that only read the network cost no rebuild (0.35 s for MNIST's training set).
            dataHandedOut |= Api.dataHandedOut();
            if (dataHandedOut) nnsh.core.DataForms.forgetAll();
            System.setOut(oldOut);
            System.setErr(oldErr);
            snippetOut.flush();
            snippetErr.flush();
            out.flush();
        }
    }

    /** Prints the events of one snippet; returns what went wrong, or null. */
    private String report(JShell js, String source, List<SnippetEvent> events, PrintWriter out) {
        String problem = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // a dependent snippet updated; the jshell tool is quiet about it too
            Snippet sn = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = js.diagnostics(sn).collect(Collectors.toList());
                if (diags.isEmpty()) {
                    out.println("|  Error:");
                    out.println("|  not a Java snippet: " + source.strip());
                }
                for (Diag d : diags) printDiag(d, sn.source(), out);
                String first = diags.stream().filter(Diag::isError).map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                        .findFirst().orElse("rejected");
                return "the snippet does not compile: " + first;
            }
            for (Diag d : (Iterable<Diag>) js.diagnostics(sn)::iterator) {
                if (!d.isError()) printDiag(d, sn.source(), out);
            }
            JShellException ex = e.exception();
            if (ex != null) {
                problem = printException(js, ex, out);
                continue;
            }
            if (!e.status().isDefined()) continue;
            printDefined(js, e, sn, out);
        }
        return problem;
    }

    private void printDefined(JShell js, SnippetEvent e, Snippet sn, PrintWriter out) {
        boolean isNew = e.previousStatus() == Snippet.Status.NONEXISTENT;
        String unresolved = "";
        if (sn instanceof DeclarationSnippet && e.status() == Snippet.Status.RECOVERABLE_DEFINED) {
            List<String> deps = js.unresolvedDependencies((DeclarationSnippet) sn).collect(Collectors.toList());
            if (!deps.isEmpty()) unresolved = ", however, it cannot be " + (sn instanceof MethodSnippet ? "invoked" : "used")
                    + " until " + String.join(", ", deps) + (deps.size() == 1 ? " is" : " are") + " declared";
        }
        if (sn instanceof VarSnippet) {
            VarSnippet v = (VarSnippet) sn;
            if (unresolved.isEmpty()) out.println(v.name() + " ==> " + e.value());
            else out.println("|  " + (isNew ? "created" : "modified") + " variable " + v.name() + unresolved);
        } else if (sn instanceof ExpressionSnippet) {
            ExpressionSnippet x = (ExpressionSnippet) sn;
            if (e.value() != null) out.println(x.name() + " ==> " + e.value());
        } else if (sn instanceof MethodSnippet) {
            MethodSnippet m = (MethodSnippet) sn;
            out.println("|  " + (isNew ? "created" : "modified") + " method " + m.name() + "(" + m.parameterTypes() + ")" + unresolved);
        } else if (sn instanceof TypeDeclSnippet) {
            TypeDeclSnippet t = (TypeDeclSnippet) sn;
            out.println("|  " + (isNew ? "created" : "modified") + " " + typeKind(t) + " " + t.name() + unresolved);
        }
    }

    private static String typeKind(TypeDeclSnippet t) {
        switch (t.subKind()) {
            case INTERFACE_SUBKIND: return "interface";
            case ENUM_SUBKIND: return "enum";
            case ANNOTATION_TYPE_SUBKIND: return "annotation interface";
            default:
                return t.subKind().name().startsWith("RECORD") ? "record" : "class";
        }
    }

    /** As the jshell tool: "|  Error:", the message, the source line and a caret under the spot. */
    private static void printDiag(Diag d, String src, PrintWriter out) {
        out.println("|  " + (d.isError() ? "Error:" : "Warning:"));
        for (String l : d.getMessage(Locale.ROOT).split("\n")) {
            if (l.strip().equals("location: class")) continue; // the wrapper JShell puts snippets in; it has no name
            out.println("|  " + l);
        }
        long pos = d.getPosition(), start = d.getStartPosition(), end = d.getEndPosition();
        if (pos < 0 || pos > src.length()) return;
        if (start < 0 || start > pos) start = pos;
        if (end < pos || end > src.length()) end = pos;
        int lineStart = src.lastIndexOf('\n', (int) Math.max(0, start - 1)) + 1;
        if (start == 0) lineStart = 0;
        int lineEnd = src.indexOf('\n', (int) start);
        if (lineEnd < 0) lineEnd = src.length();
        out.println("|  " + src.substring(lineStart, lineEnd));
        int from = (int) start - lineStart, to = (int) Math.min(end, lineEnd) - lineStart;
        StringBuilder caret = new StringBuilder(" ".repeat(Math.max(0, from)));
        if (to - from <= 1) caret.append('^');
        else caret.append('^').append("-".repeat(to - from - 2)).append('^');
        out.println("|  " + caret);
    }

    /** "|  Exception java.lang.ArithmeticException: / by zero" and the snippet's own frames. */
    private static String printException(JShell js, JShellException ex, PrintWriter out) {
        String line;
        if (ex instanceof UnresolvedReferenceException) {
            DeclarationSnippet s = ((UnresolvedReferenceException) ex).getSnippet();
            List<String> deps = js.unresolvedDependencies(s).collect(Collectors.toList());
            String what = s instanceof MethodSnippet ? "call method " + s.name() + "(" + ((MethodSnippet) s).parameterTypes() + ")"
                    : "use " + s.name();
            line = "attempted to " + what + " which cannot be " + (s instanceof MethodSnippet ? "invoked" : "used")
                    + " until " + String.join(", ", deps) + (deps.size() == 1 ? " is" : " are") + " declared";
            out.println("|  " + line);
            return line;
        }
        String cls = ex instanceof EvalException ? ((EvalException) ex).getExceptionClassName() : ex.getClass().getName();
        String msg = ex.getMessage();
        if (cls.equals(UserError.class.getName()) || cls.equals(nnsh.shell.Commands.InternalError.class.getName())) {
            line = msg;
            out.println("|  " + msg);
        } else {
            line = "the snippet threw " + cls + (msg != null ? ": " + msg : "");
            out.println("|  Exception " + cls + (msg != null ? ": " + msg : ""));
        }
        printFrames(ex, out);
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            String cc = c instanceof EvalException ? ((EvalException) c).getExceptionClassName() : c.getClass().getName();
            out.println("|  Caused by: " + cc + (c.getMessage() != null ? ": " + c.getMessage() : ""));
            printFrames(c, out);
        }
        return line;
    }

    /** Only the frames in snippet code ("#3:1"): the rest is nnsh or JShell, not the user's. */
    private static void printFrames(Throwable t, PrintWriter out) {
        for (StackTraceElement f : t.getStackTrace()) {
            String file = f.getFileName();
            if (file == null || !file.startsWith("#")) continue;
            String m = f.getMethodName();
            if (m.equals("do_it$") || m.startsWith("lambda$")) m = "";
            out.println("|        at " + (m.isEmpty() ? "" : m + " ") + "(" + file + ":" + f.getLineNumber() + ")");
        }
    }

    /**
     * Completion candidates for the text of a snippet, cursor within it. anchor[0] receives the
     * position in snippet where the candidates start (what they replace).
     */
    public List<String> complete(String snippet, int cursor, int[] anchor) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : shell().sourceCodeAnalysis().completionSuggestions(snippet, cursor, anchor)) {
            if (seen.add(s.continuation())) out.add(s.continuation());
        }
        return out;
    }

    /** The API summary and a few helpers ("/vars", "/methods", ...); false if text is not one. */
    public boolean command(String text, PrintWriter out) {
        String cmd = text.strip();
        switch (cmd) {
            case "/help": case "/?":
                out.println(Api.summary());
                return true;
            case "/reset":
                close();
                closed = false;
                out.println("|  reset: every definition is gone (JShell restarts on the next 'java')");
                return true;
            case "/vars":
                if (shell == null) return true;
                shell.variables().forEach(v -> out.println("|    " + v.typeName() + " " + v.name() + " = " + shell.varValue(v)));
                return true;
            case "/methods":
                if (shell == null) return true;
                shell.methods().forEach(m -> out.println("|    " + m.name() + "(" + m.parameterTypes() + ")" + returnType(m)));
                return true;
            case "/types":
                if (shell == null) return true;
                shell.types().forEach(t -> out.println("|    " + typeKind(t) + " " + t.name()));
                return true;
            case "/imports":
                if (shell == null) {
                    PREAMBLE.forEach(i -> out.println("|    " + i.substring(0, i.length() - 1)));
                    return true;
                }
                shell.imports().forEach(i -> out.println("|    import " + (i.isStatic() ? "static " : "") + i.fullname()));
                return true;
            case "/list":
                if (shell == null) return true;
                shell.snippets().filter(s -> s.kind() != Snippet.Kind.IMPORT || !PREAMBLE.contains(s.source().strip()))
                        .filter(s -> shell.status(s).isActive())
                        .forEach(s -> out.println(String.format("%5s : %s", s.id(), s.source().strip().replace("\n", "\n        "))));
                return true;
            default:
                return false;
        }
    }

    private static String returnType(MethodSnippet m) {
        String sig = m.signature();
        int close = sig.lastIndexOf(')');
        return close >= 0 && close < sig.length() - 1 ? sig.substring(close + 1) : "";
    }

    /** Snippet output (System.out inside a snippet) goes to the session's writer. */
    private static PrintStream writerStream(PrintWriter w) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                if (size() > 0) {
                    w.write(toString(StandardCharsets.UTF_8));
                    reset();
                }
                w.flush();
            }
        };
        return new PrintStream(buf, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        dataHandedOut = false;   // the definitions that held the data go with JShell
        if (watcher != null) watcher.interrupt();
        watcher = null;
        if (shell != null) shell.close();
        shell = null;
    }
}
