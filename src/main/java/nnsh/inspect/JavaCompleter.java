package nnsh.inspect;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import nnsh.shell.Commands;
import nnsh.shell.Tokenizer;

/**
 * Completes Java names inside a 'java' command (W( -> W(1). -> rows(), norm(), ...), through
 * JShell's own completion. It offers nothing on other lines, so it sits next to the command
 * completer in an {@link org.jline.reader.impl.completer.AggregateCompleter}:
 * <pre>
 *   Completer c = new AggregateCompleter(commandCompleter, JavaCompleter.of(commands));
 * </pre>
 * The first completion starts JShell if no 'java' command has yet (about a second).
 *
 * <p>JLine replaces the whole word under the cursor, as its parser cut it, so a candidate repeats
 * the word's start: {@code W(1).no} becomes {@code W(1).norm()}. When a candidate holds quotes
 * ({@code X("dev").cols()}), a parser with escape characters (DefaultParser's default) escapes
 * them on insertion; for 'java' lines use a parser without escapes, e.g.
 * {@code parser.setEscapeChars(null)}.
 */
public final class JavaCompleter implements Completer {
    private final JavaEval eval;

    public JavaCompleter(JavaEval eval) {
        this.eval = eval;
    }

    /** The completer for the 'java' command registered in a command table. */
    public static JavaCompleter of(Commands commands) {
        Object cmd = commands.command("java").getCommandSpec().userObject();
        return new JavaCompleter(((JavaCmd) cmd).evaluator());
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String text = line.line();
        int cursor = line.cursor();
        int start = Tokenizer.rawTextStart(text);
        if (start < 0 || cursor < start) return;
        // JLine replaces the word under the cursor (as its parser cut it) with a candidate, so each
        // candidate is that word's text up to JShell's anchor followed by JShell's continuation.
        int wordCursor = line instanceof CompletingParsedLine ? ((CompletingParsedLine) line).rawWordCursor() : line.wordCursor();
        int wordStart = cursor - wordCursor;
        for (String[] c : candidates(text, start, cursor, wordStart)) {
            candidates.add(new Candidate(c[0] + c[1], c[1], null, null, null, null, false));
        }
    }

    /**
     * For the word starting at wordStart: pairs of {its text up to JShell's anchor, a continuation};
     * together they replace the word. The continuation alone is what the menu shows.
     */
    List<String[]> candidates(String text, int snippetStart, int cursor, int wordStart) {
        int[] anchor = {-1};
        List<String> conts;
        try {
            conts = eval.complete(text.substring(snippetStart, cursor), cursor - snippetStart, anchor);
        } catch (RuntimeException e) {
            return List.of(); // completion must never break the line being edited
        }
        int anchorAbs = snippetStart + Math.max(0, anchor[0]);
        if (anchorAbs < wordStart) return List.of();
        String prefix = text.substring(wordStart, anchorAbs);
        return conts.stream().map(c -> new String[] {prefix, c}).collect(java.util.stream.Collectors.toList());
    }
}
