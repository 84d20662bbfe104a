package nnsh.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.io.UserFiles;

@Command(name = "nnsh", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"A shell for training neural networks from scratch on handwritten digits.", ""},
        footer = {"", "With no FILE and no -c, nnsh starts the interactive shell on a terminal, or",
                "reads commands from standard input when that is a pipe or a file.",
                "", "Environment:",
                "  NNSH_HISTORY   file for the shell's history (default ~/.nnsh_history)",
                "  NO_COLOR       if set and not empty, the shell prints no colors",
                "", "Examples:",
                "  nnsh                          the shell; try: load, init 784-10-10, train 100",
                "  nnsh scripts/two-layer.nnsh   run a script",
                "  nnsh -c 'load digits; split test 20%%; init 64-32-10; train 200; eval test'",
                "  echo 'load; init 784-10-10; train 5' | nnsh"})
public final class Main implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "a .nnsh script to run")
    Path script;

    @Option(names = "-c", paramLabel = "COMMANDS", description = "run these commands (separated by ';') and exit")
    String commands;

    @Option(names = "--startup", paramLabel = "COMMANDS",
            description = "run these commands first, then open the shell")
    String startup;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--debug", description = "show stack traces with errors")
    boolean debug;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println("nnsh: " + Commands.lower(e.getMessage()) + " (see nnsh --help)");
            return 2;
        });
        System.exit(cl.execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nnsh " + (v == null ? "(development build)" : v) + ", Java " + System.getProperty("java.version"),
                    "numeric backend: " + nnsh.core.Backend.describe()};
        }
    }

    @Override
    public Integer call() {
        if (script != null && commands != null) {
            System.err.println("nnsh: give a script FILE or -c COMMANDS, not both");
            return 2;
        }
        // Only a person at a terminal gets the JLine shell; a pipe or a file reads as a script does.
        if (script == null && commands == null && Interactive.onTerminal()) return Interactive.run(debug, threads, startup);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try (Session session = new Session(out, err)) {
            session.debug = debug;
            if (threads != null) session.setThreads(threads);
            Commands cmds = new Commands(session);
            if (script != null) return batch(cmds, () -> Scripts.run(cmds, script));
            if (commands != null) return batch(cmds, () -> cmds.execute(commands));
            return batch(cmds, () -> {
                if (startup != null) cmds.execute(startup);
                stdin(cmds);
            });
        } catch (UserError e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int batch(Commands cmds, Runnable r) {
        try {
            r.run();
            return 0;
        } catch (UserError e) {
            report(cmds.session(), e);
            return 1;
        }
    }

    /** Commands from standard input, one line at a time, as a script named &lt;stdin&gt;. */
    private static void stdin(Commands cmds) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            Scripts.runLines(cmds, "<stdin>", in.lines().iterator());
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read standard input (" + UserFiles.reason(e.getCause()) + ")");
        }
    }

    /** One line for the user, in red where colors are allowed; the stack trace only when debugging. */
    public static void report(Session s, UserError e) {
        s.out.flush();
        String msg = "error: " + e.getMessage();
        if (s.color) msg = new AttributedStringBuilder().style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).append(msg).toAnsi();
        s.err.println(msg);
        if (s.debug && e.getCause() != null) e.getCause().printStackTrace(s.err);
        s.err.flush();
    }
}
