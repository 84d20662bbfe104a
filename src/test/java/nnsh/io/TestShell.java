package nnsh.io;

import java.io.PrintWriter;
import java.io.StringWriter;

import nnsh.UserError;
import nnsh.shell.Commands;
import nnsh.shell.Session;

/** A session driven by command lines, as a user would, with its output captured. */
final class TestShell implements AutoCloseable {
    final StringWriter text = new StringWriter();
    final Session session;
    final Commands commands;

    TestShell() {
        PrintWriter pw = new PrintWriter(text, true);
        session = new Session(pw, pw);
        session.setThreads(2);
        commands = new Commands(session);
    }

    /** Runs the line; returns what it printed. */
    String run(String line) {
        int from = text.getBuffer().length();
        commands.execute(line);
        session.out.flush();
        return text.getBuffer().substring(from);
    }

    /** Runs a line that must fail; returns the one-line message. */
    String fail(String line) {
        try {
            commands.execute(line);
        } catch (UserError e) {
            if (e instanceof Commands.InternalError) throw new AssertionError("internal error for '" + line + "'", e);
            String m = e.getMessage();
            if (m.contains("\n")) throw new AssertionError("message of more than one line: " + m);
            return m;
        }
        throw new AssertionError("expected '" + line + "' to fail; it printed: " + text);
    }

    @Override
    public void close() {
        session.close();
    }
}
