package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shell (scripts/nnsh and target/nnsh.jar) in a pseudo-terminal made by tmux, typed into
 * as a person would. Needs tmux and a jar at least as new as the classes, so it runs after
 * packaging: {@code mvn -B -q -o -DskipTests package && mvn -B -q -o test -Dtest=ShellE2ETest}
 * (or {@code make e2e}). Without them it is skipped, saying why.
 */
class ShellE2ETest {
    // capture-pane drops trailing spaces, so the texts waited for never end with one.
    static final Path HOME = Paths.get("").toAbsolutePath();
    static final Path JAR = HOME.resolve("target/nnsh.jar");
    final String base = "nnsh-test-" + ProcessHandle.current().pid();
    /** The tmux server's socket name; each run of the shell gets a server of its own. */
    String socket = base;
    final List<Path> sockets = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void needTmuxAndAFreshJar() throws Exception {
        assumeTrue(run("tmux", "-V").exitValue() == 0, "tmux is not installed; skipping the terminal tests (apt-get install tmux)");
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR + "; skipping the terminal tests (run 'mvn package' first, then this test)");
        FileTime jar = Files.getLastModifiedTime(JAR);
        try (Stream<Path> classes = Files.walk(HOME.resolve("target/classes"))) {
            Path newer = classes.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(jar) > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst().orElse(null);
            assumeTrue(newer == null, "target/nnsh.jar is older than " + newer + "; skipping the terminal tests (run 'mvn package' first)");
        }
    }

    @AfterEach
    void killTmux() throws Exception {
        run("tmux", "-L", socket, "kill-server");
        for (Path p : sockets) Files.deleteIfExists(p);
    }

    @Test
    void aPersonAtTheShell() throws Exception {
        Path history = dir.resolve("history");
        start(history);
        long t0 = System.nanoTime();
        waitFor("nnsh>", 20);
        System.out.printf("ShellE2ETest: prompt after %.2fs%n", (System.nanoTime() - t0) / 1e9);
        String banner = screen();
        assertTrue(banner.contains("Quick start:") && banner.contains("init 784-10-10") && banner.contains("train 100"), banner);

        keys("lo", "Tab");
        waitFor("nnsh> load", 5);
        keys("digits", "Enter");
        waitFor("nnsh [digits]>", 20);

        keys("ini", "Tab");
        waitFor("nnsh [digits]> init", 5);
        keys("64-16-10 --hi", "Tab");
        waitFor("--hidden", 5);
        keys("relu", "Enter");
        waitFor("64-16-10 @ iter 0]>", 10);

        keys("step", "Enter");
        waitFor("update/|W|", 10);
        waitFor("@ iter 1]>", 10);

        keys("train 100000", "Enter");
        waitFor("eta ", 20); // the live progress line
        keys("C-c");
        waitFor("interrupted after ", 10);
        String s = waitFor("]>", 10);
        assertTrue(!s.contains("Exception"), s);

        keys("predict 0", "Enter");
        waitFor("train image 0: predicted ", 10);
        keys("show history", "Enter");
        waitFor("iterations 1 to", 10);

        keys("trian", "Enter");
        waitFor("did you mean 'train'?", 10);

        keys("half a line", "C-c");
        keys("C-r", "predi");
        waitFor("bck-i-search: predi", 5);
        keys("Enter");
        keys("Enter");
        waitUntil(() -> count(screen(), "train image 0: predicted ") == 2, 10, "Ctrl-R finds and reruns predict 0");

        keys("C-d");
        waitFor("NNSH-EXITED 0", 10);

        List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
        for (String want : List.of("load digits", "step", "train 100000", "predict 0")) {
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(want)), want + " is in the history: " + lines);
        }

        // A second run finds the history: Up brings back the last line.
        run("tmux", "-L", socket, "kill-server");
        socket = base + "-2"; // a server still shutting down may refuse a new session on the same socket
        start(history);
        waitFor("nnsh>", 20);
        keys("Up");
        waitFor("nnsh> predict 0", 5);
        keys("C-u", "exit", "Enter");
        waitFor("NNSH-EXITED 0", 10);
    }

    // ---- tmux ----

    private void start(Path history) throws Exception {
        String cmd = "cd '" + dir + "' && NNSH_HISTORY='" + history + "' '" + HOME.resolve("scripts/nnsh")
                + "' --threads 1; echo NNSH-EXITED $?; sleep 600";
        Process p = run("tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "40", cmd);
        assertEquals(0, p.exitValue(), "tmux new-session");
        Process where = new ProcessBuilder("tmux", "-L", socket, "display-message", "-p", "#{socket_path}").start();
        String path = new String(where.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (where.waitFor() == 0 && !path.isEmpty()) sockets.add(Paths.get(path));
    }

    private void keys(String... keys) throws Exception {
        for (String k : keys) {
            boolean named = k.equals("Enter") || k.equals("Tab") || k.equals("Up") || k.startsWith("C-");
            if (named) run("tmux", "-L", socket, "send-keys", k);
            else run("tmux", "-L", socket, "send-keys", "-l", k);
        }
        Thread.sleep(150);
    }

    private String screen() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-S", "-200").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private String waitFor(String text, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String s = "";
        while (System.nanoTime() < end) {
            s = screen();
            if (s.contains(text)) return s;
            Thread.sleep(100);
        }
        fail("waited " + seconds + "s for '" + text + "'; the screen:\n" + s);
        return s;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void waitUntil(Check c, int seconds, String what) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (c.ok()) return;
            Thread.sleep(100);
        }
        fail(what + "; the screen:\n" + screen());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static Process run(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            p.waitFor();
            return p;
        } catch (IOException e) {
            // tmux not there at all
            return new ProcessBuilder("false").start().onExit().get();
        }
    }
}
