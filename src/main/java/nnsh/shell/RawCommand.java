package nnsh.shell;

/**
 * A command whose argument is the rest of the line, verbatim: no splitting into words, no ';'
 * between commands, no '#' comments. 'java' is one (Java uses ';', '#' and quotes itself). Such a
 * command is still registered with picocli, for its name, description and 'help' text.
 */
public interface RawCommand {
    /** Runs with the text after the command name, stripped of surrounding blanks ("" if none). */
    void runRaw(String text);
}
