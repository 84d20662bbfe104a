package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell loop on a dumb terminal, and Tab completion, without a real terminal. */
class InteractiveTest {

    static String shell(String typed, Path history) throws Exception {
        return shell(typed, history, null);
    }

    static String shell(String typed, Path history, String startup) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), bytes, StandardCharsets.UTF_8);
             Session s = new Session(t.writer(), t.writer())) {
            assertEquals(0, Interactive.loop(new Commands(s), t, history, startup));
            assertFalse(s.color, "no colors on a dumb terminal");
            assertFalse(s.live, "no in-place redraws on a dumb terminal");
            assertFalse(s.style().unicode(), "a dumb terminal gets ASCII views");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dumbTerminalSessionHasNoEscapesAndKeepsHistory(@TempDir Path dir) throws Exception {
        Path hist = dir.resolve("history");
        String out = shell("load digits\ntrian\ninit 64-16-10; train 5 -q\npredict 0\nexit\n", hist);
        assertTrue(out.startsWith("nnsh - train neural networks"), out);
        assertTrue(out.contains("Quick start:"), out);
        assertTrue(out.contains("nnsh> "), out);
        assertTrue(out.contains("nnsh [digits | 64-16-10 @ iter 5]> "), out);
        assertTrue(out.contains("error: unknown command 'trian'; did you mean 'train'?"), out);
        assertTrue(out.contains("train image 0: predicted "), out);
        assertFalse(out.contains("\u001b"), "no escape codes on a dumb terminal");
        List<String> lines = Files.readAllLines(hist);
        assertTrue(lines.get(lines.size() - 1).endsWith("exit"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("init 64-16-10; train 5 -q")), lines.toString());
    }

    @Test
    void endOfInputLeaves(@TempDir Path dir) throws Exception {
        String out = shell("echo hi\n", dir.resolve("h"));
        assertTrue(out.contains("hi"), out);
    }

    @Test
    void startupCommandsRunFirstAsIfTyped(@TempDir Path dir) throws Exception {
        String out = shell("echo typed\n", dir.resolve("h"), "echo first; bogus");
        assertTrue(out.contains("nnsh> echo first; bogus"), out);
        assertTrue(out.contains("error: unknown command 'bogus'"), out);
        assertTrue(out.indexOf("first\n") < out.indexOf("typed\n"), out);
    }

    // ---- completion ----

    final Session session = new Session(new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()));
    final ShellCompleter completer = new ShellCompleter(new Commands(session));

    final org.jline.reader.LineReader reader;

    InteractiveTest() throws java.io.IOException {
        Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        reader = org.jline.reader.LineReaderBuilder.builder().terminal(t).build();
    }

    List<String> complete(String line) {
        List<String> values = new ArrayList<>();
        for (Candidate x : candidates(line)) values.add(x.value());
        return values;
    }

    List<Candidate> candidates(String line) {
        DefaultParser parser = new DefaultParser() {
            @Override
            public boolean isDelimiterChar(CharSequence buffer, int pos) {
                return buffer.charAt(pos) == ';' || super.isDelimiterChar(buffer, pos);
            }
        };
        List<Candidate> c = new ArrayList<>();
        completer.complete(reader, parser.parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE), c);
        return c;
    }

    @Test
    void completesCommandNamesAlsoAfterASemicolon() {
        assertTrue(complete("").containsAll(List.of("load", "init", "train", "gradcheck", "help", "exit")));
        assertTrue(complete("load;").contains("train"));
        assertTrue(complete("load; tr").contains("train"));
    }

    @Test
    void offersNoCommandsInsideTheJavaOfAJavaLine() {
        assertEquals(List.of(), complete("java int a = 1; e"));
        assertEquals(List.of(), complete("load digits; java String s = \"a\"; s.le"));
        assertTrue(complete("load; java").contains("java"), "the name 'java' itself still completes");
    }

    @Test
    void completesKeywordsOfEachCommand() {
        assertEquals(List.of("digit", "digits", "shapes", "net", "weights", "history", "data"), complete("show "));
        assertEquals(List.of("dev", "test"), complete("split "));
        assertEquals(List.of("batch", "lr", "seed", "threads", "view", "debug"), complete("set "));
        assertEquals(List.of("auto", "ascii", "unicode", "color"), complete("set view "));
        assertEquals(List.of("on", "off"), complete("set debug "));
        assertEquals(List.of("gd", "momentum", "rmsprop", "adam"), complete("optimizer "));
        assertEquals(List.of("train", "dev", "test"), complete("eval dev "));
        assertEquals(List.of("train", "dev", "test"), complete("predict 3 --split "));
        assertTrue(complete("load ").containsAll(List.of("mnist", "digits", "fashion", "model", "npy")));
        assertEquals(List.of("npy", "kaggle"), complete("export "));
        assertTrue(complete("help ").contains("train"));
    }

    /** Each completion of line, with its description. */
    private java.util.Map<String, String> descriptions(String line) {
        java.util.Map<String, String> d = new java.util.HashMap<>();
        for (Candidate x : candidates(line)) d.put(x.value(), x.descr());
        return d;
    }

    @Test
    void loadCallsOnlyDataSetsBundled() {
        java.util.Map<String, String> d = descriptions("load ");
        assertEquals("bundled", d.get("mnist"));
        assertEquals("bundled", d.get("digits"));
        assertEquals("a saved model: load model FILE", d.get("model"));
        assertEquals("weights: load npy DIR", d.get("npy"));
    }

    @Test
    void commandDescriptionsAreCutBeforeBrackets() {
        java.util.Map<String, String> d = descriptions("");
        assertEquals("leave nnsh", d.get("exit"));
        assertEquals("load data", d.get("load"));
        assertEquals("train for N iterations", d.get("train"));
        for (String v : d.values()) if (v != null) assertEquals(-1, v.indexOf('('), v);
    }

    @Test
    void completesOptionsFromTheCommandSpec() {
        assertTrue(complete("train --").containsAll(List.of("--epochs", "--batch", "--every", "--quiet")));
        assertTrue(complete("gradcheck --").containsAll(List.of("--examples", "--samples", "--seed")));
        assertTrue(complete("init 784-10-10 --").containsAll(List.of("--hidden", "--init", "--loss", "--output", "--seed")));
        // every activation init takes for a hidden layer, identity included
        assertEquals(List.of("relu", "leaky", "sigmoid", "tanh", "identity"), complete("init 784-10-10 --hidden "));
    }

    @Test
    void runCompletesScriptsAndFolders() {
        // Tests run in the project folder, which has scripts/*.nnsh.
        List<String> top = complete("run ");
        assertTrue(top.contains("scripts/"), top.toString());
        assertFalse(top.contains("pom.xml"), "only .nnsh files and folders: " + top);
        List<String> inScripts = complete("run scripts/");
        assertTrue(inScripts.contains("scripts/two-layer.nnsh"), inScripts.toString());
        assertTrue(complete("load ").contains("pom.xml"), "load takes any file");
    }
}
