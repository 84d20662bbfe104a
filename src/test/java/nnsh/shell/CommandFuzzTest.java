package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;
import nnsh.core.Rng;
import nnsh.nn.Dense;

/**
 * Random command lines, seeded: command names (and misspellings) followed by tokens drawn from
 * every option, keyword, awkward number and bad file. Commands.execute must only ever succeed or
 * raise a one-line UserError that is not an internal error; and a command that fails must leave
 * the session as it was: the same data, network, trainer and history objects, with the same
 * values and settings.
 */
class CommandFuzzTest {
    static final int CASES = 2500;

    @TempDir
    Path dir;

    final StringWriter buf = new StringWriter();
    final Session session = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true));
    final Commands cmds = new Commands(session);

    /** Everything a failed command must not change. */
    record State(Object train, Object dev, Object test, Object net, Object trainer, Object optimizer, Object history,
                 List<double[]> params, long iteration, long epoch, int cursor, int historySize, int batch, Double lr,
                 Object kind, long seed, String dataName) {
        static State of(Session s) {
            List<double[]> p = new ArrayList<>();
            if (s.net != null) for (Dense d : s.net.layers()) {
                p.add(d.w.clone());
                p.add(d.b.clone());
            }
            var t = s.trainer;
            return new State(s.train, s.dev, s.test, s.net, t, t == null ? null : t.optimizer, t == null ? null : t.history, p,
                    t == null ? -1 : t.iteration(), t == null ? -1 : t.epoch(), t == null ? -1 : t.cursor(),
                    t == null ? -1 : t.history.size(), s.batch, s.lr, s.optimizerKind, s.seed, s.dataName);
        }

        void assertSameAs(State o, String line) {
            assertSame(o.train, train, line);
            assertSame(o.dev, dev, line);
            assertSame(o.test, test, line);
            assertSame(o.net, net, line);
            assertSame(o.trainer, trainer, line);
            assertSame(o.optimizer, optimizer, line);
            assertSame(o.history, history, line);
            assertEquals(o.params.size(), params.size(), line);
            for (int i = 0; i < params.size(); i++) assertTrue(Arrays.equals(o.params.get(i), params.get(i)), line + ": parameters changed");
            assertEquals(List.of(o.iteration, o.epoch, o.cursor, o.historySize, o.batch, o.seed),
                    List.of(iteration, epoch, cursor, historySize, batch, seed), line + ": training position or settings changed");
            assertEquals(o.lr, lr, line);
            assertEquals(o.kind, kind, line);
            assertEquals(o.dataName, dataName, line);
        }
    }

    String[] files() throws IOException {
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve("ragged.csv"), "label,p0,p1,p2,p3\n1,0,0,0,0\n2,0\n");
        Files.writeString(dir.resolve("tiny.csv"), "label,p0,p1,p2,p3\n1,0,0,0,9\n2,0,255,0,0\n3,1,1,1,1\n");
        Files.write(dir.resolve("bad.nnm"), new byte[] {(byte) 0x89, 'N', 'N', 'S', 'H', '\r', '\n', 0x1A, 1, 0, 0, 0, 0});
        Files.writeString(dir.resolve("text.png"), "hello");
        Files.writeString(dir.resolve("W1.npy"), "not numpy");
        Files.writeString(dir.resolve("self.nnsh"), "echo hi\nrun " + dir.resolve("self.nnsh") + "\n");
        Files.writeString(dir.resolve("bad.nnsh"), "echo one\ntrain abc\n");
        Files.write(dir.resolve("im.idx"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4});
        Files.createDirectories(dir.resolve("a dir"));
        Files.createDirectories(dir.resolve("weights"));
        String[] names = {"weights", "empty.csv", "ragged.csv", "tiny.csv", "bad.nnm", "text.png", "W1.npy", "self.nnsh", "bad.nnsh", "im.idx",
                "a dir", "missing.csv", "out.nnm", "out.csv"};
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) out[i] = "'" + dir.resolve(names[i]) + "'";
        return out;
    }

    static final String[] WORDS = {"-1", "0", "1", "2", "3", "64", "1e309", "NaN", "-0", "abc", "2147483648", "3.5", "1e-320",
            "full", "on", "off", "dev", "train", "test", "val", "digit", "digits", "shapes", "net", "weights", "history", "data",
            "gd", "sgd", "adam", "momentum", "rmsprop", "nadam", "lr", "batch", "seed", "threads", "debug", "model", "npy", "csv",
            "--lr", "--epochs", "--batch", "--every", "--seed", "--hidden", "--output", "--loss", "--init", "--limit", "--scale",
            "--labels", "--test", "--force", "-q", "--checkpoint-every", "--beta", "--eps", "--bogus", "-", "--",
            "relu", "softmax", "identity", "sigmoid", "mse", "ce", "tanh", "he", "uniform", "64-8-10", "64-10", "784--10",
            "784-0-10", "64-100000-100000-10", "2-2", "64-x-10", "-64-10", "64-8-10-", "20%", "200%", "%", "0%", "'a b'", "\"",
            "'", "#", "x#y", "\\", "\t", "é", "\u0000", "64,8", "relu,tanh", "--lr=1e6", "--batch=0"};

    static final String[] COMMANDS = {"load", "split", "init", "optimizer", "set", "step", "train", "gradcheck", "eval", "show",
            "predict", "save", "export", "run", "source", "echo", "help", "trian", "frobnicate", "Train", "SAVE"};

    void setUp() {
        cmds.execute("load digits; split dev 100; init 64-8-10; set batch 64; train 3 -q");
    }

    @Test
    void randomCommandLinesGiveOnlyClearErrorsAndKeepTheSession() throws IOException {
        String[] files = files();
        Rng r = new Rng(20261122);
        setUp();
        int failed = 0;
        for (int i = 0; i < CASES; i++) {
            if (i % 200 == 0) setUp();
            String name = COMMANDS[r.nextInt(COMMANDS.length)];
            StringBuilder line = new StringBuilder(name);
            int n = r.nextInt(5);
            if (name.equals("load")) {
                // A bare 'load' is all of MNIST (a second each): keep the fuzz fast with small data.
                String[] first = {"digits", "model", "npy", files[r.nextInt(files.length)], files[r.nextInt(files.length)]};
                line.append(' ').append(first[r.nextInt(first.length)]);
            }
            // Commands that write take only files in the temporary directory: never litter the working directory.
            boolean writes = name.equalsIgnoreCase("save") || name.equals("export");
            if (name.equals("export")) line.append(' ').append(new String[] {"npy", "kaggle", "csv"}[r.nextInt(3)]);
            if (writes || r.nextInt(8) == 0) {
                line.append(writes ? " " : " --checkpoint ").append(files[r.nextInt(files.length)]);
            }
            for (int k = 0; k < n; k++) {
                boolean file = writes || r.nextInt(4) == 0;
                String w = file ? files[r.nextInt(files.length)] : WORDS[r.nextInt(WORDS.length)];
                if (writes && r.nextInt(2) == 0) w = WORDS[r.nextInt(WORDS.length)];
                if (writes && !w.startsWith("-") && !w.startsWith("'/")) continue;
                line.append(' ').append(w);
            }
            String text = line.toString();
            State before = State.of(session);
            try {
                buf.getBuffer().setLength(0);
                cmds.execute(text);
            } catch (UserError e) {
                failed++;
                String m = e.getMessage();
                if (e instanceof Commands.InternalError || m == null || m.contains("\n")) {
                    throw new AssertionError("case " + i + ": '" + text + "' -> " + m, e);
                }
                // 'run' legitimately keeps what the script's earlier lines did.
                if (!name.equals("run") && !name.equals("source")) State.of(session).assertSameAs(before, "case " + i + ": '" + text + "' -> " + m);
            } catch (Throwable t) {
                throw new AssertionError("case " + i + ": '" + text + "' -> " + t, t);
            }
        }
        assertTrue(failed > CASES / 2, failed + " of " + CASES + " failed");
    }

    /** Anything at all, ';' and quotes included: never an exception other than UserError. */
    @Test
    void randomTextIsNeverAnInternalError() {
        Rng r = new Rng(7);
        setUp();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -;'\"#%.,=\\\t";
        for (int i = 0; i < 1500; i++) {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(2) == 0) sb.append(COMMANDS[r.nextInt(COMMANDS.length)]).append(' ');
            for (int k = r.nextInt(20); k > 0; k--) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String text = sb.toString();
            if (text.contains("java")) continue;
            if (text.contains("save") || text.contains("export") || text.contains("--checkpoint")) continue; // would write here
            if (text.matches("(?s).*(^|;)\\s*load\\s*(;|$|--).*")) continue; // all of MNIST, slow
            try {
                cmds.execute(text);
            } catch (UserError e) {
                if (e instanceof Commands.InternalError || e.getMessage() == null || e.getMessage().contains("\n")) {
                    throw new AssertionError("case " + i + ": '" + text + "' -> " + e.getMessage(), e);
                }
            } catch (Throwable t) {
                throw new AssertionError("case " + i + ": '" + text + "' -> " + t, t);
            }
        }
    }
}
