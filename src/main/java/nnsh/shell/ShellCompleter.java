package nnsh.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import nnsh.data.Bundled;
import nnsh.nn.Activation;
import nnsh.nn.Init;
import nnsh.nn.Loss;
import nnsh.nn.Optimizer;

/**
 * Tab completion for the shell: command names, each command's keywords (show digit, split dev...),
 * its --options as picocli declares them, option values, bundled data set names and file paths.
 * Works on the command under the cursor, so it completes after a ';' too.
 */
final class ShellCompleter implements Completer {
    /** Keywords of a command's first argument. */
    private static final Map<String, List<String>> FIRST = Map.of(
            "show", List.of("digit", "digits", "shapes", "net", "weights", "history", "data"),
            "split", List.of("dev", "test"),
            "set", List.of("batch", "lr", "seed", "threads", "view", "debug"),
            "optimizer", ids(Optimizer.Kind.values(), k -> k.id),
            "eval", Session.SPLIT_NAMES,
            "predict", Session.SPLIT_NAMES,
            "export", List.of("npy", "kaggle"));

    /** Values of an option, by its name. */
    private static final Map<String, List<String>> OPTION_VALUES = Map.of(
            "--split", Session.SPLIT_NAMES,
            "--hidden", Arrays.stream(Activation.values()).filter(Activation::hiddenAllowed).map(a -> a.id).toList(),
            "--output", Arrays.stream(Activation.values()).filter(Activation::outputAllowed).map(a -> a.id).toList(),
            "--loss", ids(Loss.values(), l -> l.id),
            "--init", ids(Init.values(), i -> i.id),
            "--batch", List.of("full", "32", "64", "128", "1024"));

    /** The ids of an enum's constants, in declaration order. */
    private static <E extends Enum<E>> List<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toList();
    }

    private final Commands commands;
    private final Completer anyFile = new Files(false);
    private final Completer scriptFile = new Files(true);

    ShellCompleter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        // After 'java ' the rest of the line is Java, ';' included: JavaCompleter's part, not ours.
        int java = Tokenizer.rawTextStart(line.line());
        if (java > 0 && line.cursor() >= java && Character.isWhitespace(line.line().charAt(java - 1))) return;
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        String segment = before.substring(lastSeparator(before) + 1);
        List<String> words = new ArrayList<>();
        for (String w : segment.trim().split("\\s+")) if (!w.isEmpty()) words.add(w);
        boolean newWord = segment.isEmpty() || Character.isWhitespace(segment.charAt(segment.length() - 1));
        if (!newWord && !words.isEmpty()) words.remove(words.size() - 1); // the word being completed
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));

        if (words.isEmpty()) {
            for (String n : commands.names()) candidates.add(word(n, describe(n)));
            return;
        }
        String name = commands.canonical(words.get(0).toLowerCase(Locale.ROOT));
        CommandLine cl = name == null ? null : commands.command(name);
        if (cl == null) return;
        CommandSpec spec = cl.getCommandSpec();
        List<String> args = words.subList(1, words.size());

        String previous = args.isEmpty() ? null : args.get(args.size() - 1);
        OptionSpec prevOpt = previous != null && previous.startsWith("-") ? spec.findOption(previous) : null;
        if (prevOpt != null && prevOpt.arity().max() > 0 && !prevOpt.typeInfo().isBoolean()) {
            List<String> values = OPTION_VALUES.get(prevOpt.longestName());
            if (values != null) values.forEach(v -> candidates.add(word(v, null)));
            else if (Path.class.equals(prevOpt.type())) anyFile.complete(reader, line, candidates);
            return;
        }
        if (current.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                for (String n : o.names()) {
                    if (n.startsWith("--") || o.names().length == 1) {
                        // Complete, so a space follows: options take their value as the next word.
                        candidates.add(new Candidate(n, n, null, first(o.description()), null, null, true));
                    }
                }
            }
            return;
        }
        int position = positional(spec, args);
        switch (name) {
            case "help":
                if (position == 0) for (String n : commands.names()) candidates.add(word(n, null));
                return;
            case "run":
                if (position == 0) scriptFile.complete(reader, line, candidates);
                return;
            case "load":
                if (position == 0) {
                    Bundled.NAMES.forEach(v -> candidates.add(word(v, "bundled")));
                    candidates.add(word("model", "a saved model: load model FILE"));
                    candidates.add(word("npy", "weights: load npy DIR"));
                    anyFile.complete(reader, line, candidates);
                }
                return;
            case "eval":
                FIRST.get("eval").forEach(v -> candidates.add(word(v, null)));
                return;
            case "set":
                if (position == 1 && args.size() >= 1) {
                    String key = args.get(0).toLowerCase(Locale.ROOT);
                    List<String> v = key.equals("debug") ? List.of("on", "off") : key.equals("batch") ? List.of("full", "64", "1024")
                            : key.equals("view") ? List.of("auto", "ascii", "unicode", "color") : List.of();
                    v.forEach(x -> candidates.add(word(x, null)));
                    return;
                }
                break;
            default:
                break;
        }
        if (position == 0 && FIRST.containsKey(name)) FIRST.get(name).forEach(v -> candidates.add(word(v, null)));
    }

    /** How many positional arguments come before the cursor (options and their values skipped). */
    private static int positional(CommandSpec spec, List<String> args) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1 && !Character.isDigit(a.charAt(1))) {
                OptionSpec o = spec.findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
                if (o != null && !a.contains("=") && o.arity().max() > 0 && !o.typeInfo().isBoolean()) i++;
                continue;
            }
            n++;
        }
        return n;
    }

    /** Index of the last ';' outside quotes, or -1. */
    static int lastSeparator(String s) {
        int last = -1;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ';') {
                last = i;
            }
        }
        return last;
    }

    private String describe(String name) {
        String d = commands.description(name);
        int cut = d.indexOf(": ");
        if (cut < 0) cut = d.indexOf(" (");   // before ", ": a cut inside brackets would leave one open
        if (cut < 0) cut = d.indexOf(", ");
        d = cut > 0 ? d.substring(0, cut) : d;
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        return d.isEmpty() ? null : Character.toLowerCase(d.charAt(0)) + d.substring(1);
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? null : lines[0];
    }

    /** A whole word; no group, so the list shows no heading over one kind of word. */
    private static Candidate word(String value, String description) {
        return new Candidate(value, value, null, description, null, null, true);
    }

    /** File names relative to the working directory; for scripts, only .nnsh files and folders. */
    private static final class Files extends Completers.FileNameCompleter {
        private final boolean scriptsOnly;

        Files(boolean scriptsOnly) {
            this.scriptsOnly = scriptsOnly;
        }

        @Override
        protected boolean accept(Path path) {
            if (!super.accept(path)) return false;
            return !scriptsOnly || java.nio.file.Files.isDirectory(path) || path.getFileName().toString().endsWith(".nnsh");
        }
    }
}
