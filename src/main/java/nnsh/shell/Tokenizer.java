package nnsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nnsh.UserError;

/**
 * Splits a line into commands (separated by ';') and each command into words. Quotes ("..." or
 * '...') keep spaces and ';' inside a word; '#' at the start of a word starts a comment.
 *
 * <p>A command that starts with a raw command's name ({@link #RAW}: 'java') takes the rest of the
 * line as one word, verbatim: {@code init 64-16-10; java int a = 1; a + 1} is two commands,
 * the second with the argument {@code int a = 1; a + 1}.
 */
public final class Tokenizer {
    private Tokenizer() {}

    /** Commands that take the rest of the line verbatim (see {@link RawCommand}). */
    public static final Set<String> RAW = Set.of("java");

    public static List<List<String>> commands(String line) {
        return scan(line, null);
    }

    /**
     * Where the text of a raw command starts in line (just after its name and one blank), or -1
     * when the line has none. Completion uses it to find the Java in {@code load; java W(1).no}.
     */
    public static int rawTextStart(String line) {
        int[] at = {-1};
        try {
            scan(line, at);
        } catch (UserError e) {
            return -1; // an unclosed quote before any raw command
        }
        return at[0];
    }

    private static List<List<String>> scan(String line, int[] rawAt) {
        List<List<String>> cmds = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
                continue;
            }
            if (w == null && words.isEmpty() && !Character.isWhitespace(c) && c != ';') {
                String raw = rawCommandAt(line, i);
                if (raw != null) {
                    if (rawAt != null) rawAt[0] = Math.min(line.length(), i + raw.length() + 1);
                    String rest = line.substring(i + raw.length()).strip();
                    cmds.add(rest.isEmpty() ? List.of(raw) : List.of(raw, rest));
                    return cmds;
                }
            }
            if (c == '"' || c == '\'') {
                quote = c;
                if (w == null) w = new StringBuilder();
                continue;
            }
            if (c == '#' && w == null) break;
            if (c == ';' || Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                if (c == ';' && !words.isEmpty()) {
                    cmds.add(words);
                    words = new ArrayList<>();
                }
                continue;
            }
            if (w == null) w = new StringBuilder();
            w.append(c);
        }
        if (quote != 0) throw new UserError("unclosed quote " + quote + " in: " + line.strip());
        if (w != null) words.add(w.toString());
        if (!words.isEmpty()) cmds.add(words);
        return cmds;
    }

    /** The raw command whose name starts the line at i (followed by a blank or the end), or null. */
    private static String rawCommandAt(String line, int i) {
        for (String name : RAW) {
            int end = i + name.length();
            if (line.startsWith(name, i) && (end == line.length() || Character.isWhitespace(line.charAt(end)))) return name;
        }
        return null;
    }
}
