package nnsh.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import nnsh.UserError;
import nnsh.core.Ops;
import nnsh.nn.Dense;
import nnsh.shell.Commands;
import nnsh.shell.Scripts;
import nnsh.shell.Session;
import nnsh.shell.Tokenizer;

/** One session (and one JShell, which takes a second to start) for all the tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaCmdTest {
    final StringWriter buf = new StringWriter();
    final Session session = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true));
    final Commands commands = new Commands(session);

    @BeforeAll
    void setUp() {
        run("load digits; split dev 300; init 64-16-10 --seed 2; train 5 -q");
    }

    @AfterAll
    void tearDown() {
        session.close();
    }

    String run(String line) {
        buf.getBuffer().setLength(0);
        commands.execute(line);
        return buf.toString();
    }

    String error(String line) {
        buf.getBuffer().setLength(0);
        return assertThrows(UserError.class, () -> commands.execute(line)).getMessage();
    }

    /** The value JShell printed for the last result: "$3 ==> 0.25" -> "0.25". */
    String value(String line) {
        String out = run(line).strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        assertTrue(last.contains(" ==> "), out);
        return last.substring(last.indexOf(" ==> ") + 5);
    }

    JavaEval evaluator() {
        return ((JavaCmd) commands.command("java").getCommandSpec().userObject()).evaluator();
    }

    @Test
    void valuesReadThroughJShellMatchTheSession() {
        Dense d1 = session.net.layer(0);
        assertEquals(Double.toString(d1.w[2 * 64 + 5]), value("java W(1).get(2, 5)"));
        assertEquals(Double.toString(d1.b[3]), value("java b(1).get(3, 0)"));
        assertEquals(Double.toString(d1.dw[7]), value("java dW(1).get(0, 7)"));
        assertEquals("\"16x64\"", value("java W(1).shape()"));
        assertEquals(Double.toString(session.train.x[3 * 64 + 10]), value("java X(\"train\").get(10, 3)"));
        assertEquals("\"64x300\"", value("java X(\"dev\").shape()"));
        assertEquals(Integer.toString(session.dev.y[4]), value("java Y(\"dev\")[4]"));
        assertEquals(Integer.toString(session.trainer.history.size()), value("java history().losses().length"));
        assertEquals("\"64-16-10\"", value("java net().spec()"));
        assertTrue(value("java W(1)").startsWith("W1 16x64 [["), "toString shows the name, shape and values");
        run("predict 4 --split dev");
        assertEquals(Integer.toString(session.lastPrediction.predicted), value("java last().predicted"));
        assertEquals("4", value("java last().index"));
        double[] a1 = session.net.activations(session.dev.x, 9 * 64)[1];
        assertEquals(Double.toString(a1[5]), value("java A(1, \"dev\").get(5, 9)"));
    }

    @Test
    void aModificationIsSeenByTheEngine() {
        run("init 64-16-10 --seed 4");
        double[] before = session.net.predict(session.train.x, 0);
        assertTrue(Ops.argmax(before, 0, 10) != 7 || before[7] < 0.9);
        run("java W(2).fill(0); b(2).fill(0); b(2).set(7, 0, 8.0);");
        double[] after = session.net.predict(session.train.x, 0);
        assertTrue(after[7] > 0.99, "the network predicts 7 with certainty: " + after[7]);
        assertTrue(run("predict 0").contains("predicted 7"));
        run("java W(1).fillRow(3, 0)");
        for (int i = 0; i < 64; i++) assertEquals(0.0, session.net.layer(0).w[3 * 64 + i]);
        run("init 64-16-10 --seed 2; train 5 -q");
    }

    @Test
    void definitionsPersistFromOneCallToTheNext() {
        assertTrue(run("java int sq(int x) { return x * x; }").contains("|  created method sq(int)"));
        assertTrue(run("java int k = sq(7);").contains("k ==> 49"));
        assertEquals("50", value("java k + 1"));
        assertTrue(run("java int sq(int x) { return x * x * 1; }").contains("|  modified method sq(int)"));
        assertTrue(run("java /vars").contains("int k = 49"));
        assertTrue(run("java /methods").contains("sq(int)int"));
    }

    @Test
    void theRestOfTheLineIsJavaWithSemicolonsAndHashes() {
        assertEquals(List.of(List.of("init", "64-16-10"), List.of("java", "int a = 1; a + 1 # x")),
                Tokenizer.commands("init 64-16-10; java int a = 1; a + 1 # x"));
        assertEquals(List.of(List.of("java")), Tokenizer.commands("  java  "));
        assertEquals(List.of(List.of("javac", "x")), Tokenizer.commands("javac x"));
        String out = run("java String s = \"a;b # c\"; s.length()");
        assertTrue(out.contains("s ==> \"a;b # c\""), out);
        assertTrue(out.contains("==> 7"), out);
    }

    @Test
    void syntaxErrorsShowJShellsDiagnostics() {
        String msg = error("java int x = ;");
        assertTrue(msg.startsWith("java: the snippet does not compile: illegal start of expression"), msg);
        String out = buf.toString();
        assertTrue(out.contains("|  Error:\n|  illegal start of expression\n|  int x = ;\n|          ^"), out);
        error("java undefinedThing + 1");
        assertTrue(buf.toString().contains("|    symbol:   variable undefinedThing\n|  undefinedThing + 1\n|  ^------------^"), buf.toString());
    }

    @Test
    void exceptionsAreReportedAndTheShellGoesOn() {
        String msg = error("java Object o = null; o.hashCode()");
        assertTrue(msg.contains("java.lang.NullPointerException"), msg);
        assertTrue(buf.toString().contains("|  Exception java.lang.NullPointerException"), buf.toString());
        assertFalse(buf.toString().contains("jdk.jshell"), "no internal stack: " + buf);
        msg = error("java W(9)");
        assertEquals("java: layer 9: the network 64-16-10 has layers 1 to 2", msg);
        assertEquals("2", value("java 1 + 1"));
    }

    @Test
    void anInterruptedInfiniteLoopReturns() throws Exception {
        Thread ctrlC = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            session.interrupted = true;
        });
        long t0 = System.nanoTime();
        ctrlC.start();
        String msg = error("java long spins = 0; while (true) { spins++; }");
        ctrlC.join();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("java: interrupted", msg);
        assertTrue(buf.toString().contains("|  stopped"), buf.toString());
        assertTrue(ms < 10_000, ms + " ms");
        assertEquals("3", value("java 1 + 2"));
    }

    @Test
    void completionSuggestsMembers() {
        JavaEval eval = evaluator();
        int[] anchor = {-1};
        List<String> s = eval.complete("W(1).ro", 7, anchor);
        assertTrue(s.contains("rows()") || s.contains("rows("), s.toString());
        assertTrue(s.contains("rowNorm(") || s.contains("rowNorms()"), s.toString());
        assertEquals(5, anchor[0]);
        assertTrue(eval.complete("W(1).", 5, anchor).contains("norm()"));
        assertTrue(eval.complete("histo", 5, anchor).contains("history()"));
        // Through the JLine completer: the word under the cursor is replaced whole.
        JavaCompleter c = JavaCompleter.of(commands);
        String line = "load digits; java W(1).no";
        List<String[]> cands = c.candidates(line, Tokenizer.rawTextStart(line), line.length(), line.indexOf("W(1)"));
        assertTrue(cands.stream().anyMatch(p -> (p[0] + p[1]).equals("W(1).norm()")), cands.toString());
        assertEquals(-1, Tokenizer.rawTextStart("train 10"));
        assertTrue(jline("java W(1).no").contains("W(1).norm()"), jline("java W(1).no").toString());
        assertTrue(jline("load digits; java int n = X(\"dev\").co").contains("X(\"dev\").cols()"), jline("java int n = X(\"dev\").co").toString());
        assertTrue(jline("java int n = W(1).ro").contains("W(1).rows()"), jline("java int n = W(1).ro").toString());
        assertEquals(List.of(), jline("train 1"));
    }

    /** What JLine's default parser and our completer offer for the word under the end of line. */
    List<String> jline(String line) {
        org.jline.reader.ParsedLine pl = new org.jline.reader.impl.DefaultParser().parse(line, line.length(),
                org.jline.reader.Parser.ParseContext.COMPLETE);
        List<org.jline.reader.Candidate> cs = new java.util.ArrayList<>();
        JavaCompleter.of(commands).complete(null, pl, cs);
        return cs.stream().map(org.jline.reader.Candidate::value).sorted().collect(java.util.stream.Collectors.toList());
    }

    @Test
    void helpAndSummary() {
        assertTrue(run("java").contains("W(l) b(l)"));
        assertTrue(run("help java").contains("Examples:"));
        assertTrue(run("java --help").contains("Examples:"));
        assertTrue(run("help").contains("java "));
    }

    @Test
    void theInspectScriptRuns() {
        StringWriter w = new StringWriter();
        try (Session s = new Session(new PrintWriter(w, true), new PrintWriter(w, true))) {
            Scripts.run(new Commands(s), Path.of("scripts/inspect.nnsh"));
        }
        String out = w.toString();
        assertTrue(out.contains("largest incoming weight norm"), out);
        assertTrue(out.contains("dead ReLUs on dev"), out);
        assertTrue(out.contains("predicted 7"), out);
    }
}
