package nnsh.shell;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

import nnsh.UserError;

/**
 * The interactive shell on a terminal (JLine): line editing, Tab completion, history kept in
 * ~/.nnsh_history, a prompt that shows what the session holds, Ctrl-C to stop a long command.
 * Scripts, -c strings and piped input never come here (see {@link Main}).
 */
public final class Interactive {
    private Interactive() {}

    /**
     * True when a person is at a terminal: standard input and output both are one. On JDK 22 and
     * later System.console() is not null for redirected streams, so ask Console.isTerminal() there.
     */
    public static boolean onTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17 to 21: console() is null unless both are terminals
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Where history is kept: $NNSH_HISTORY, or ~/.nnsh_history. */
    static Path historyFile() {
        String env = System.getenv("NNSH_HISTORY");
        if (env != null && !env.isBlank()) return Paths.get(env);
        return Paths.get(System.getProperty("user.home"), ".nnsh_history");
    }

    /** Whether to color: a terminal that has colors, and NO_COLOR unset or empty (no-color.org). */
    static boolean colorAllowed(Terminal t) {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        String type = t.getType();
        if (type == null || type.equals(Terminal.TYPE_DUMB)) return false;
        if (type.equals(Terminal.TYPE_DUMB_COLOR)) return true;
        Integer colors = t.getNumericCapability(InfoCmp.Capability.max_colors);
        return colors != null && colors >= 8;
    }

    /** Runs the shell on the system terminal; returns the exit status. */
    public static int run(boolean debug, Integer threads, String startup) {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).name("nnsh")
                    .nativeSignals(true).build();
        } catch (IOException e) {
            System.err.println("nnsh: cannot open the terminal (" + e.getMessage() + ")");
            return 1;
        }
        try (terminal; Session s = new Session(terminal.writer(), terminal.writer())) {
            s.debug = debug;
            if (threads != null) s.setThreads(threads);
            // While the user reads the banner and types, compile the training code (see Warmup).
            nnsh.nn.Warmup.start();
            return loop(new Commands(s), terminal, historyFile(), startup);
        } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The read-run loop on a given terminal (tests pass a dumb one), running the startup commands,
     * if any, after the banner as if typed.
     */
    static int loop(Commands cmds, Terminal terminal, Path history, String startup) {
        Session s = cmds.session();
        boolean dumb = terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
        s.interactive = true;
        s.color = colorAllowed(terminal);
        Integer maxColors = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        s.color256 = s.color && maxColors != null && maxColors >= 256;
        s.unicode = !dumb && StandardCharsets.UTF_8.equals(terminal.encoding()); // a dumb terminal gets ASCII
        s.live = !dumb;
        // Ctrl-C while a command runs: ask it to stop after the step in progress. At the prompt,
        // the line reader reads Ctrl-C itself and throws UserInterruptException instead.
        terminal.handle(Terminal.Signal.INT, sig -> s.interrupted = true);

        DefaultParser parser = new DefaultParser() {
            @Override
            public boolean isDelimiterChar(CharSequence buffer, int pos) {
                return buffer.charAt(pos) == ';' || super.isDelimiterChar(buffer, pos);
            }
        };
        parser.setEscapeChars(new char[0]); // a backslash is an ordinary character, as in scripts
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("nnsh")
                .parser(parser)
                // Commands, keywords, options and files; and Java names inside a 'java' line.
                .completer(new org.jline.reader.impl.completer.AggregateCompleter(
                        new ShellCompleter(cmds), nnsh.inspect.JavaCompleter.of(cmds)))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is not special
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.GROUP, false) // one list: keywords, data sets and files together
                .build();

        banner(s);
        if (startup != null && !startup.isBlank()) {
            s.out.println(prompt(s) + startup);
            s.out.flush();
            runLine(cmds, terminal, startup); // an 'exit' among them does not keep the shell from opening
        }
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt(s));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped
            } catch (EndOfFileException e) {
                s.out.println();
                break; // Ctrl-D
            }
            if (runLine(cmds, terminal, line)) break;
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            s.err.println("nnsh: could not save the history to " + history + " (" + e.getMessage() + ")");
        }
        return 0;
    }

    /**
     * Runs one line at the terminal's current width; an error is reported and the shell goes on.
     * Returns whether the line said to leave.
     */
    private static boolean runLine(Commands cmds, Terminal terminal, String line) {
        Session s = cmds.session();
        s.columns = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        s.interrupted = false;
        try {
            return cmds.execute(line) == Commands.Outcome.EXIT;
        } catch (UserError e) {
            s.clearStatus();
            Main.report(s, e);
            return false;
        } finally {
            s.clearStatus();
            s.interrupted = false;
        }
    }

    static void banner(Session s) {
        s.out.println(style(s, "nnsh", AttributedStyle.BOLD) + " - train neural networks on handwritten digits, from scratch.");
        s.out.println("Quick start:  " + style(s, "load", AttributedStyle.BOLD) + "              the bundled MNIST (60,000 + 10,000 images)");
        s.out.println("              " + style(s, "init 784-10-10", AttributedStyle.BOLD) + "    a network: 784 pixels in, 10 hidden, 10 digits out");
        s.out.println("              " + style(s, "train 100", AttributedStyle.BOLD) + "         100 iterations of gradient descent (Ctrl-C stops)");
        s.out.println("Then: eval, predict 0, show history. 'help' lists the commands; Tab completes; Ctrl-D leaves.");
        s.out.println("Numeric backend: " + nnsh.core.Backend.describe(s.threads()) + ".");
        s.out.flush();
    }

    /** nnsh>, or nnsh [mnist | 784-10-10 @ iter 120]> when the session holds data and a network. */
    static String prompt(Session s) {
        StringBuilder inner = new StringBuilder();
        if (s.dataName != null) inner.append(s.dataName);
        if (s.net != null) {
            if (inner.length() > 0) inner.append(" | ");
            inner.append(s.net.spec()).append(" @ iter ").append(s.trainer != null ? s.trainer.iteration() : 0);
        }
        String text = inner.length() == 0 ? "nnsh" : "nnsh [" + inner + "]";
        if (!s.color) return text + "> ";
        return new AttributedStringBuilder().style(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)).append(text)
                .style(AttributedStyle.DEFAULT).append("> ").toAnsi();
    }

    private static String style(Session s, String text, AttributedStyle st) {
        return s.color ? new AttributedStringBuilder().style(st).append(text).toAnsi() : text;
    }
}
