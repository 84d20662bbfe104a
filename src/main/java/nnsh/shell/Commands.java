package nnsh.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import nnsh.UserError;

/**
 * The command table: parses a line into commands, finds each one, runs it. Errors come back as
 * {@link UserError}s with one line of text; the session is left as it was before the command.
 */
public final class Commands {
    private final Session session;
    private final Map<String, CommandLine> byName = new LinkedHashMap<>();
    /** Other names of a command (source = run), to the name help lists. */
    private final Map<String, String> aliases = new LinkedHashMap<>();
    /** Scripts being run, innermost last, so a script that runs itself is caught. */
    final Deque<Path> scripts = new ArrayDeque<>();

    public Commands(Session session) {
        this.session = session;
        for (Cmd c : List.of(new LoadCmd(session), new SplitCmd(session), new InitCmd(session), new OptimizerCmd(session),
                new SetCmd(session), new StepCmd(session), new TrainCmd(session), new GradcheckCmd(session), new EvalCmd(session),
                new ShowCmd(session), new PredictCmd(session), new SaveCmd(session), new ExportCmd(session), new RunCmd(session, this),
                new EchoCmd(session), new ClearCmd(session), new nnsh.inspect.JavaCmd(session), new HelpCmd(session, this), new ExitCmd(session))) {
            add(c);
        }
    }

    /** Registers one more command (the io, view and inspection commands add themselves here). */
    public void add(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(session.out);
        cl.setErr(session.err);
        String name = cl.getCommandName();
        byName.put(name, cl);
        for (String a : cl.getCommandSpec().aliases()) aliases.put(a, name);
    }

    /** The command's own name for a name or alias, or null when there is no such command. */
    public String canonical(String name) {
        if (byName.containsKey(name)) return name;
        return aliases.get(name);
    }

    public Session session() {
        return session;
    }

    /** Command names in the order help lists them. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public CommandLine command(String name) {
        return byName.get(name);
    }

    public Map<String, CommandLine> all() {
        return byName;
    }

    /** Outcome of a line: whether to leave the shell. */
    public enum Outcome { CONTINUE, EXIT }

    /** Runs every command of a line; stops at the first error, which it throws. */
    public Outcome execute(String line) {
        for (List<String> words : Tokenizer.commands(line)) {
            if (run(words) == Outcome.EXIT) return Outcome.EXIT;
        }
        return Outcome.CONTINUE;
    }

    public Outcome run(List<String> words) {
        String typed = words.get(0);
        String name = canonical(typed);
        if (name == null) {
            String near = nearest(typed);
            throw new UserError("unknown command '" + typed + "'" + (near != null ? "; did you mean '" + near + "'?" : "")
                    + " ('help' lists the commands)");
        }
        CommandLine cl = byName.get(name);
        Object user = cl.getCommandSpec().userObject();
        if (user instanceof RawCommand) {
            String text = words.size() > 1 ? words.get(1) : "";
            if (text.equals("--help") || text.equals("-h")) invoke(name, () -> usage(name, session.out));
            else invoke(name, () -> ((RawCommand) user).runRaw(text));
            return Outcome.CONTINUE;
        }
        List<String> args = words.subList(1, words.size());
        if (args.contains("--help") || args.contains("-h")) {
            invoke(name, () -> usage(name, session.out));
            return Outcome.CONTINUE;
        }
        CommandLine.ParseResult pr;
        try {
            pr = cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(name + ": " + lower(e.getMessage()) + " (see 'help " + name + "')");
        } catch (RuntimeException e) {
            throw new InternalError(name, e);
        }
        Object cmd = pr.commandSpec().userObject();
        invoke(name, () -> {
            if (cmd instanceof Runnable) ((Runnable) cmd).run();
            else ((java.util.concurrent.Callable<?>) cmd).call();
        });
        return cmd instanceof ExitCmd ? Outcome.EXIT : Outcome.CONTINUE;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs a parsed command, turning what it throws into a one-line UserError. */
    private void invoke(String name, Body body) {
        try {
            body.run();
        } catch (UserError e) {
            throw e;
        } catch (CommandLine.ParameterException e) {
            throw new UserError(name + ": " + lower(e.getMessage()));
        } catch (OutOfMemoryError e) {
            throw new UserError(name + ": out of memory (" + Fmt.count(Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); try a smaller network or batch, or start nnsh with a larger -Xmx", e);
        } catch (Exception | StackOverflowError e) {
            // StackOverflowError too: a runaway recursion is our bug, and must not end the shell.
            throw new InternalError(name, e);
        } finally {
            session.out.flush();
        }
    }

    /** A bug of ours, not a mistake of the user's: reported as such, with the trace when debug is on. */
    public static final class InternalError extends UserError {
        InternalError(String command, Throwable cause) {
            super(command + ": internal error: " + cause + " (please report it; 'set debug on' shows the stack trace)", cause);
        }
    }

    public void usage(String name, PrintWriter out) {
        String known = canonical(name);
        if (known == null) {
            String near = nearest(name);
            throw new UserError("no help for '" + name + "'" + (near != null ? "; did you mean '" + near + "'?" : ""));
        }
        byName.get(known).usage(out, CommandLine.Help.Ansi.OFF);
    }

    public String description(String name) {
        CommandSpec spec = byName.get(name).getCommandSpec();
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    static String lower(String msg) {
        if (msg == null || msg.isEmpty()) return "invalid input";
        return Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
    }

    /** The known command closest to a mistyped one, if close enough. */
    public String nearest(String word) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names()) {
            int d = distance(word.toLowerCase(Locale.ROOT), n);
            if (d < bestD) {
                bestD = d;
                best = n;
            }
        }
        return bestD <= Math.max(1, word.length() / 3) + 1 ? best : null;
    }

    /** Damerau-Levenshtein distance (adjacent swaps count as one edit: trian -> train). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
