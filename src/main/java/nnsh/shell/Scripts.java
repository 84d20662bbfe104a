package nnsh.shell;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import nnsh.UserError;
import nnsh.io.UserFiles;

/** Runs .nnsh script files: one or more commands a line, '#' comments; the first error stops it. */
public final class Scripts {
    private Scripts() {}

    /** A failure inside a script, already carrying its "file:line: " prefix. */
    public static final class ScriptError extends UserError {
        ScriptError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void run(Commands commands, Path file) {
        UserFiles.checkFile(file, "a .nnsh script", "no such script");
        if (!Files.isRegularFile(file)) throw new UserError(file + ": not a regular file; expected a .nnsh script");
        Path key = file.toAbsolutePath().normalize();
        if (commands.scripts.contains(key)) {
            throw new UserError(file + ": runs itself (through " + commands.scripts.size() + " script"
                    + (commands.scripts.size() == 1 ? "" : "s") + "); a script may not run a script that is still running");
        }
        if (commands.scripts.size() >= 32) throw new UserError(file + ": scripts nested more than 32 deep");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UserError(file + ": not a text file (not UTF-8); expected a .nnsh script");
        } catch (IOException e) {
            throw UserFiles.cannotRead(file, e);
        }
        commands.scripts.addLast(key);
        try {
            runLines(commands, file.toString(), lines.iterator());
        } finally {
            commands.scripts.removeLast();
        }
    }

    /**
     * Runs lines in order, each taken from the iterator only when the one before it is done (so
     * piped input runs as it arrives). An error, or Ctrl-C, stops it with a "where:line: " prefix;
     * 'exit' stops it quietly.
     */
    static void runLines(Commands commands, String where, Iterator<String> lines) {
        for (int n = 1; lines.hasNext(); n++) {
            String line = lines.next();
            try {
                if (commands.execute(line) == Commands.Outcome.EXIT) return;
            } catch (ScriptError e) {
                throw e;
            } catch (UserError e) {
                throw new ScriptError(where + ":" + n + ": " + e.getMessage(), e);
            }
            if (commands.session().interrupted) throw new ScriptError(where + ":" + n + ": stopped by Ctrl-C; the lines after it were not run", null);
        }
    }
}
