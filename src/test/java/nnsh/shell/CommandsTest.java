package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;
import nnsh.nn.Dense;

/** The commands through the session API, with plain string streams (no terminal). */
class CommandsTest {
    final StringWriter buf = new StringWriter();
    final Session session = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true));
    final Commands cmds = new Commands(session);

    String run(String line) {
        buf.getBuffer().setLength(0);
        cmds.execute(line);
        return buf.toString();
    }

    @Test
    void helpListsEveryCommandOnALineEach() {
        String out = run("help");
        for (String name : cmds.names()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("  " + name + " ")), "help lists " + name + ":\n" + out);
        }
        assertTrue(out.lines().allMatch(l -> l.length() < 80), out);
    }

    @Test
    void everyCommandHasUsageAndAnExampleWithin80Columns() {
        for (String name : cmds.all().keySet()) {
            String out = run("help " + name);
            assertTrue(out.startsWith("Usage: " + name), out);
            assertTrue(out.contains("Example"), name + " has no example:\n" + out);
            assertTrue(out.lines().allMatch(l -> l.length() <= 80), name + " help is wider than 80 columns:\n" + out);
            assertFalse(out.contains("%n"), out);
            assertEquals(out, run(name + " --help"));
        }
    }

    @Test
    void helpExplainsExitAndExitLeaves() {
        String out = run("help exit");
        assertTrue(out.startsWith("Usage: exit"), out);
        assertTrue(out.contains("Leave nnsh (also quit, or Ctrl-D)."), out);
        assertEquals(out, run("help quit"));
        assertEquals(Commands.Outcome.EXIT, cmds.execute("exit"));
        assertEquals(Commands.Outcome.EXIT, cmds.execute("echo bye; quit; echo never"));
    }

    @Test
    void setPrintsTheLearningRateAlikeWithAndWithoutANetwork() {
        run("set lr 0.0001");
        String out = run("set");
        assertTrue(out.contains("lr       1.0e-4\n"), out);
        run("load digits; init 64-10-10");
        out = run("set");
        assertTrue(out.contains("lr       1.0e-4\n"), out);
    }

    @Test
    void helpNamesWhatTheCommandsAccept() {
        assertTrue(run("help java").contains("java /vars /methods /types /imports"));
        String hidden = run("help init").lines().filter(l -> l.contains("hidden activations:")).findFirst().orElse("");
        assertTrue(hidden.contains("identity"), hidden);
        assertTrue(run("init 64-16-10 --hidden identity").startsWith("network 64-16-10: identity, softmax"));
    }

    @Test
    void unknownCommandSuggestsTheNearest() {
        UserError e = assertThrows(UserError.class, () -> run("trian 5"));
        assertEquals("unknown command 'trian'; did you mean 'train'? ('help' lists the commands)", e.getMessage());
    }

    @Test
    void errorsAreOneLineAndSayWhatWasExpected() {
        UserError e = assertThrows(UserError.class, () -> run("init 784-x"));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(UserError.class, () -> run("train 5"));
        assertTrue(e.getMessage().startsWith("no network yet"), e.getMessage());
    }

    @Test
    void sourceIsRunAndAScriptThatRunsItselfIsStopped(@TempDir Path dir) throws Exception {
        Path self = dir.resolve("self.nnsh");
        Files.writeString(self, "echo once\nsource " + self + "\necho never\n");
        UserError e = assertThrows(UserError.class, () -> run("run " + self));
        assertTrue(e.getMessage().startsWith(self + ":2: " + self + ": runs itself"), e.getMessage());
        assertEquals("once\n", buf.toString());
        assertTrue(cmds.scripts.isEmpty(), "the stack of running scripts is emptied");

        Path ok = dir.resolve("ok.nnsh");
        Files.writeString(ok, "echo from a script # a comment\n");
        assertEquals("from a script\n", run("source " + ok));
    }

    @Test
    void stepShowsLossBeforeAfterAndALayerTable() {
        run("load digits; init 64-16-10");
        String out = run("step");
        assertTrue(out.startsWith("iteration 1 (epoch 1, full batch of 1,797):  loss "), out);
        assertTrue(out.contains("|dW|") && out.contains("|update|") && out.contains("W1 16x64 relu"), out);
        assertEquals(1, session.trainer.iteration());
    }

    @Test
    void trainStopsAfterTheStepInProgressWhenInterrupted() throws Exception {
        run("load digits; init 64-16-10");
        Thread stopper = new Thread(() -> {
            while (session.trainer.iteration() < 3) Thread.onSpinWait();
            session.interrupted = true;
        });
        stopper.start();
        String out = run("train 1000000");
        stopper.join();
        assertTrue(out.contains("interrupted after "), out);
        long it = session.trainer.iteration();
        assertTrue(it >= 3 && it < 1000000);
        assertEquals(it, session.trainer.history.size(), "history kept, one entry per whole step");
        assertTrue(run("predict 0").startsWith("train image 0: predicted "));
    }

    /** Ctrl-C during a checkpointed run: the file holds exactly the interrupted state, and loads back. */
    @Test
    void anInterruptedCheckpointedRunLeavesAFileOfTheLastIteration(@TempDir Path tmp) throws Exception {
        run("load digits; set batch 64; init 64-16-10");
        Thread stopper = new Thread(() -> {
            while (session.trainer.iteration() < 40) Thread.onSpinWait();
            session.interrupted = true;
        });
        stopper.start();
        Path f = tmp.resolve("run.nnm");
        String out = run("train 1000000 --checkpoint '" + f + "' --checkpoint-every 25");
        stopper.join();
        assertTrue(out.contains("interrupted after "), out);
        long it = session.trainer.iteration();
        nnsh.io.ModelFile.Model m = nnsh.io.ModelFile.load(f);
        assertEquals(it, m.trainer.iteration());
        assertEquals(it, m.trainer.history.size());
        for (int l = 0; l < session.net.depth(); l++) {
            assertArrayEquals(session.net.layer(l).w, m.net.layer(l).w);
            assertArrayEquals(session.net.layer(l).b, m.net.layer(l).b);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("run.nnm"), files.map(x -> x.getFileName().toString()).toList(), "no temporary file left");
        }
        run("load model '" + f + "'");
        assertEquals(it, session.trainer.iteration());
        assertTrue(run("train 1 -q").contains("now at iteration " + (it + 1)));
    }

    @Test
    void nonInteractiveTrainPrintsNoCarriageReturns() {
        run("load digits; init 64-16-10");
        String out = run("train 20 --every 10");
        assertFalse(out.contains("\r"), out);
        assertTrue(out.contains("iter     10"), out);
    }

    @Test
    void liveSessionRedrawsProgressInPlace() {
        session.live = true;
        session.interactive = true;
        run("load digits; init 64-16-10");
        String out = run("train 30 --every 10");
        assertTrue(out.contains("\r"), "a live status line");
        assertTrue(out.contains("eta "), out);
        assertTrue(out.contains("Ctrl-C stops"), out);
        assertTrue(out.endsWith("epoch 30\n"), out);
    }

    @Test
    void gradcheckAgreesAndRestoresTheWeightsExactly() {
        run("load digits; init 64-16-10; train 5 -q");
        double[][] before = snapshot();
        String out = run("gradcheck --examples 4 --samples 10");
        assertTrue(out.contains("backprop agrees"), out);
        assertTrue(out.contains("W1 16x64 relu") && out.contains("W2 10x16 softmax"), out);
        double[][] after = snapshot();
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], 0.0);
    }

    @Test
    void gradcheckRelativeError() {
        assertEquals(0.0, GradcheckCmd.relativeError(0, 0));
        assertEquals(0.5, GradcheckCmd.relativeError(1, 0.5), 1e-15);
        assertEquals(1e-9 / 1e-8, GradcheckCmd.relativeError(1e-9, 0), 1e-12);
    }

    @Test
    void promptShowsWhatTheSessionHolds() {
        assertEquals("nnsh> ", Interactive.prompt(session));
        run("load digits");
        assertEquals("nnsh [digits]> ", Interactive.prompt(session));
        run("init 64-10-10; step 2");
        assertEquals("nnsh [digits | 64-10-10 @ iter 2]> ", Interactive.prompt(session));
        session.color = true;
        assertTrue(Interactive.prompt(session).contains("\u001b["));
    }

    @Test
    void multipleCommandsOnALine() {
        assertEquals(List.of(List.of("load", "digits"), List.of("init", "64-10-10")), Tokenizer.commands("load digits; init 64-10-10"));
    }

    private double[][] snapshot() {
        List<Dense> layers = session.net.layers();
        double[][] s = new double[layers.size() * 2][];
        for (int l = 0; l < layers.size(); l++) {
            s[2 * l] = layers.get(l).w.clone();
            s[2 * l + 1] = layers.get(l).b.clone();
        }
        return s;
    }
}
