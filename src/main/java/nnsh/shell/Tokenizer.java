package nnsh.shell;

import java.util.ArrayList;
import java.util.List;

import nnsh.UserError;

/**
 * Splits a line into commands (separated by ';') and each command into words. Quotes ("..." or
 * '...') keep spaces and ';' inside a word; '#' at the start of a word starts a comment.
 */
public final class Tokenizer {
    private Tokenizer() {}

    public static List<List<String>> commands(String line) {
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
}
