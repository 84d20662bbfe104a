package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nnsh as a separate process in batch mode (a script FILE, -c, a pipe): a mistake prints one line
 * on standard error, naming the file and line where there is one, never a stack trace, and the
 * exit status is not 0. Runs target/nnsh.jar when it is newer than the compiled classes; otherwise
 * (not built yet, or built before the last change, as during 'mvn package') the same main class
 * from the test's class path, so the code under test is always the current code.
 */
class BatchExitCodeTest {
    static final Path JAR = Paths.get("target/nnsh.jar").toAbsolutePath();

    @TempDir
    Path dir;

    static List<String> launch;

    @BeforeAll
    static void howToStart() throws java.io.IOException {
        List<String> l = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Paths.get("scripts/java.flags").toAbsolutePath(), "-Xmx512m"));
        Path classes = Paths.get("target/classes");
        long newest = 0;
        if (Files.isDirectory(classes)) {
            try (var s = Files.walk(classes)) {
                newest = s.mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
            }
        }
        if (Files.isRegularFile(JAR) && JAR.toFile().lastModified() >= newest) {
            l.addAll(List.of("-jar", JAR.toString()));
        } else {
            String cp = System.getProperty("java.class.path");
            Assumptions.assumeTrue(cp != null && cp.contains("classes"), "neither an up-to-date jar nor a class path to run");
            l.addAll(List.of("-cp", cp, "nnsh.shell.Main"));
        }
        launch = l;
    }

    record Run(int exit, String out, String err) {}

    Run nnsh(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(launch);
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out"), err = dir.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "nnsh did not finish");
        String e = Files.readString(err).lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        return new Run(p.exitValue(), Files.readString(out), e);
    }

    /** Exactly one line on stderr, this one, and no trace. */
    static void assertOneLine(Run r, String expected) {
        assertEquals(expected + "\n", r.err, r.out);
        assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r.err);
    }

    @Test
    void mistakesExitNonZeroWithOneLine() throws Exception {
        Run r = nnsh(null, "-c", "echo before; trian 5; echo after");
        assertEquals(1, r.exit);
        assertEquals("before\n", r.out);
        assertOneLine(r, "error: unknown command 'trian'; did you mean 'train'? ('help' lists the commands)");

        Files.writeString(dir.resolve("bad.nnsh"), "# a script\nload digits\ninit 64-0-10\ntrain 5\n");
        r = nnsh(null, "bad.nnsh");
        assertEquals(1, r.exit);
        assertOneLine(r, "error: bad.nnsh:3: layer sizes '64-0-10': layer 2 has 0 units; expected at least 1");

        Files.writeString(dir.resolve("self.nnsh"), "echo hi\nrun self.nnsh\n");
        r = nnsh(null, "self.nnsh");
        assertEquals(1, r.exit);
        assertOneLine(r, "error: self.nnsh:2: self.nnsh: runs itself (through 1 script); a script may not run a script that is still running");

        r = nnsh(null, "missing.nnsh");
        assertEquals(1, r.exit);
        assertOneLine(r, "error: missing.nnsh: no such script");

        r = nnsh(null, dir.toString());
        assertEquals(1, r.exit);
        assertOneLine(r, "error: " + dir + ": is a directory; expected a .nnsh script");

        r = nnsh("echo one\nload missing.csv\necho three\n");
        assertEquals(1, r.exit);
        assertEquals("one\n", r.out);
        assertOneLine(r, "error: <stdin>:2: missing.csv: no such file (or data set name; expected mnist, digits or fashion)");

        r = nnsh(null, "-c", "load digits; init 64-8-10 --output identity; optimizer gd --lr 1e300; train 20");
        assertEquals(1, r.exit);
        assertTrue(r.out.contains("stopped: "), r.out);
        assertOneLine(r, "error: training stopped after 1 iteration: a loss, gradient or update was not finite; try a smaller learning rate (lr is 1e300)");

        r = nnsh(null, "--bogus");
        assertEquals(2, r.exit);
        assertOneLine(r, "nnsh: unknown option: '--bogus' (see nnsh --help)");

        r = nnsh(null, "-c", "predict 0");
        assertEquals(1, r.exit);
        assertOneLine(r, "error: no network yet; create one with 'init', for example: init 784-10-10");

        r = nnsh(null, "-c", "echo fine");
        assertEquals(0, r.exit);
        assertEquals("", r.err);
    }
}
