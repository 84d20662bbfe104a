package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;

class BatchCommandsTest {
    @TempDir
    Path dir;

    final StringWriter buf = new StringWriter();
    final Session session = new Session(new PrintWriter(buf, true), new PrintWriter(new StringWriter(), true));
    final Commands commands = new Commands(session);

    String run(String line) {
        buf.getBuffer().setLength(0);
        commands.execute(line);
        return buf.toString();
    }

    String error(String line) {
        return assertThrows(UserError.class, () -> commands.execute(line)).getMessage();
    }

    @Test
    void tokenizerSplitsCommandsAndKeepsQuotes() {
        assertEquals(List.of(List.of("load", "a b.csv"), List.of("init", "784-10-10")), Tokenizer.commands("load 'a b.csv'; init 784-10-10 # comment"));
        assertEquals(List.of(), Tokenizer.commands("   # only a comment"));
        assertEquals(List.of(List.of("echo", "a;b")), Tokenizer.commands("echo \"a;b\""));
    }

    @Test
    void digitsEndToEnd() {
        String out = run("load digits; split test 20%; init 64-32-10 --seed 3; optimizer adam --lr 0.01; set batch 64; train --epochs 10 -q; eval test");
        assertTrue(out.contains("split: train 1,438, test 359"), out);
        String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
        assertTrue(last.startsWith("test accuracy: "), last);
        double acc = Double.parseDouble(last.substring("test accuracy: ".length()));
        assertTrue(acc > 0.9, last);
        assertEquals(230, session.trainer.iteration());
    }

    @Test
    void mistakesGetOneClearLineAndTheSessionKeepsItsState() {
        run("load digits; init 64-16-10");
        Object net = session.net;
        assertEquals("unknown command 'trian'; did you mean 'train'? ('help' lists the commands)", error("trian 10"));
        assertTrue(error("init 784--10").contains("layer 2 is empty"));
        assertTrue(error("init 784-0-10").contains("layer 2 has 0 units"));
        assertTrue(error("init 784-10-10").contains("the images have 64 pixels"));
        assertTrue(error("train --bogus").contains("unknown option: '--bogus'"));
        assertTrue(error("train ten").contains("(see 'help train')"));
        assertTrue(error("eval dev").contains("no dev set"));
        assertTrue(error("optimizer adamw").contains("unknown optimizer 'adamw'"));
        assertTrue(error("load /nonexistent.csv").contains("no such file"));
        assertTrue(error("load " + dir).contains("is a directory"));
        assertTrue(net == session.net);
        assertEquals(1797, session.train.n);
    }

    @Test
    void nothingBeforeInitOrLoad() {
        assertTrue(error("train 5").contains("no network yet"));
        assertTrue(error("predict 0").contains("no network yet"));
        run("init 784-10-10");
        assertTrue(error("train 5").contains("no data loaded"));
    }

    @Test
    void scriptErrorsNameFileAndLine() throws IOException {
        Path s = dir.resolve("bad.nnsh");
        Files.writeString(s, "# a script\nload digits\n\nshow digit 99999\n");
        String msg = error("run " + s);
        assertTrue(msg.startsWith(s + ":4: show digit 99999: "), msg);
        Path self = dir.resolve("self.nnsh");
        Files.writeString(self, "echo hi\nrun " + self + "\n");
        msg = error("run " + self);
        assertTrue(msg.contains("runs itself"), msg);
    }

    @Test
    void helpListsEveryCommand() {
        String out = run("help");
        for (String n : commands.names()) assertTrue(out.contains("  " + n + " "), n);
        assertTrue(run("help train").contains("Examples:"));
    }
}
