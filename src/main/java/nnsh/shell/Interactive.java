package nnsh.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import nnsh.UserError;

/** The interactive shell: a prompt, one line at a time; an error is reported and the session goes on. */
public final class Interactive {
    private Interactive() {}

    public static int run(Commands cmds) {
        Session s = cmds.session();
        s.out.println("nnsh: train neural networks on handwritten digits. Quick start: load; init 784-10-10; train 100");
        s.out.println("Type 'help' for the commands, 'exit' to leave.");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            s.out.print("nnsh> ");
            s.out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return 1;
            }
            if (line == null) return 0;
            try {
                if (cmds.execute(line) == Commands.Outcome.EXIT) return 0;
            } catch (UserError e) {
                Main.report(s, e);
            }
        }
    }
}
