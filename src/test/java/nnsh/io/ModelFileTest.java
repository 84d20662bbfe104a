package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.nn.Dense;
import nnsh.nn.Network;

class ModelFileTest {
    @TempDir
    Path dir;

    /** Every parameter of every layer, bit for bit. */
    static List<long[]> bits(Network net) {
        List<long[]> out = new ArrayList<>();
        for (Dense d : net.layers()) {
            for (double[] a : new double[][] {d.w, d.b}) {
                long[] b = new long[a.length];
                for (int i = 0; i < a.length; i++) b[i] = Double.doubleToRawLongBits(a[i]);
                out.add(b);
            }
        }
        return out;
    }

    static void assertSameParameters(Network a, Network b) {
        List<long[]> x = bits(a), y = bits(b);
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) assertArrayEquals(x.get(i), y.get(i), "parameter array " + i);
    }

    /** 100 + save + load in a fresh session + 100 must equal 200 in one go. */
    private void roundTrip(String data, String setup, int first, int second) {
        Path f = dir.resolve("m.nnm");
        Network straight;
        try (TestShell a = new TestShell()) {
            a.run(data + "; " + setup + "; train " + (first + second) + " -q");
            straight = a.session.net;
        }
        try (TestShell b = new TestShell()) {
            b.run(data + "; " + setup + "; train " + first + " -q; save " + f);
        }
        try (TestShell c = new TestShell()) {
            String out = c.run(data + "; load model " + f + "; train " + second + " -q");
            assertTrue(out.contains("at iteration " + first), out);
            assertSameParameters(straight, c.session.net);
            assertEquals(first + second, c.session.trainer.iteration());
            assertEquals(first + second, c.session.trainer.history.size());
        }
        // Loading before the data works the same.
        try (TestShell d = new TestShell()) {
            d.run("load model " + f + "; " + data + "; train " + second + " -q");
            assertSameParameters(straight, d.session.net);
        }
    }

    @Test
    void adamMiniBatchesResumeBitExactMidEpoch() {
        // 57 batches of 32 per epoch: the save falls in the middle of epoch 2.
        roundTrip("load digits", "init 64-32-10; optimizer adam --lr 0.003; set batch 32", 100, 100);
    }

    @Test
    void momentumAndRmspropAndFullBatchResumeBitExact() {
        roundTrip("load digits", "init 64-16-10 --hidden tanh; optimizer momentum --beta 0.8; set batch 100", 30, 25);
        roundTrip("load digits", "init 64-16-10; optimizer rmsprop", 20, 20);
        roundTrip("load digits", "init 64-10 --output sigmoid --loss mse --init uniform", 10, 10);
    }

    @Test
    void mnistAdamMiniBatchesResumeBitExact() {
        roundTrip("load mnist --limit 3000", "init 784-30-10; optimizer adam; set batch 128", 40, 40);
    }

    @Test
    void everythingComesBack() throws IOException {
        Path f = dir.resolve("x.nnm");
        try (TestShell a = new TestShell()) {
            a.run("load digits; split dev 200; init 64-20-12-10 --hidden leaky,sigmoid --init glorot --seed 7; "
                    + "optimizer adam --lr 0.002 --beta1 0.8 --beta2 0.99 --eps 1e-7; set batch 50; train 45 -q --every 9; save " + f);
            Network n = a.session.net;
            ModelFile.Model m = ModelFile.load(f);
            assertSameParameters(n, m.net);
            assertEquals(n.spec(), m.net.spec());
            for (int l = 0; l < n.depth(); l++) assertSame(n.layer(l).activation, m.net.layer(l).activation);
            assertSame(n.loss, m.net.loss);
            assertSame(n.init, m.net.init);
            assertEquals(50, m.trainer.batchSize());
            assertEquals(1597, m.trainer.examples());
            assertEquals(7, m.trainer.seed());
            assertEquals(45, m.trainer.iteration());
            assertEquals(a.session.trainer.epoch(), m.trainer.epoch());
            assertEquals(a.session.trainer.cursor(), m.trainer.cursor());
            var o = m.trainer.optimizer;
            assertEquals(0.002, o.lr);
            assertEquals(0.8, o.beta1);
            assertEquals(0.99, o.beta2);
            assertEquals(1e-7, o.eps);
            assertEquals(45, o.t);
            assertArrayEquals(a.session.trainer.history.losses(), m.trainer.history.losses());
            assertArrayEquals(a.session.trainer.history.devAccuracies(), m.trainer.history.devAccuracies());
            assertArrayEquals(a.session.trainer.history.iterations(), m.trainer.history.iterations());
            // Saving what was loaded gives the same bytes.
            assertArrayEquals(Files.readAllBytes(f), ModelFile.encode(m.net, m.trainer, m.trainer.batchSize()));
        }
    }

    @Test
    void layoutMatchesTheDocument() throws IOException {
        Path f = dir.resolve("s.nnm");
        try (TestShell a = new TestShell()) {
            a.run("load digits; init 64-10; save " + f);
        }
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new byte[] {(byte) 0x89, 'N', 'N', 'S', 'H', '\r', '\n', 0x1A}, java.util.Arrays.copyOf(b, 8));
        assertEquals(1, bb.getInt(8));
        assertEquals(0, bb.getInt(12));
        assertEquals(b.length, bb.getLong(16));
        assertEquals(1, bb.getInt(24));
        assertEquals(64, bb.getInt(28));
        assertEquals(10, bb.getInt(32));
        assertEquals(4, bb.getInt(36)); // softmax
        assertEquals(0, bb.getInt(40)); // ce
        assertEquals(3, bb.getInt(44)); // he (the default with the default relu)
        // header 48 bytes, 650 parameters, optimizer 64, training 40 + history count 8, no history, digest 32
        assertEquals(48 + 650 * 8 + 64 + 40 + 8 + 32, b.length);
    }

    private Path trained() {
        Path f = dir.resolve("good.nnm");
        try (TestShell a = new TestShell()) {
            a.run("load digits; init 64-8-10; optimizer adam; set batch 64; train 10 -q; save " + f);
        }
        return f;
    }

    /** Loads a bad file into a session that has a model; the error is one line and the session keeps its model. */
    private String refused(Path bad) {
        try (TestShell s = new TestShell()) {
            s.run("load digits; init 64-5-10");
            Network before = s.session.net;
            var trainer = s.session.trainer;
            String msg = s.fail("load model " + bad);
            assertSame(before, s.session.net);
            assertSame(trainer, s.session.trainer);
            assertTrue(msg.startsWith(bad.toString() + ": "), msg);
            return msg;
        }
    }

    @Test
    void refusesTruncatedCorruptedAndForeignFiles() throws IOException {
        byte[] good = Files.readAllBytes(trained());
        Path p = dir.resolve("bad.nnm");

        Files.write(p, java.util.Arrays.copyOf(good, good.length - 100));
        assertTrue(refused(p).contains("truncated: " + (good.length - 100) + " bytes, expected " + good.length));
        Files.write(p, java.util.Arrays.copyOf(good, 13));
        assertTrue(refused(p).contains("truncated"));

        byte[] c = good.clone();
        c[200] ^= 0x10;
        Files.write(p, c);
        assertTrue(refused(p).contains("corrupted: the SHA-256 checksum does not match"));

        Files.write(p, java.util.Arrays.copyOf(good, good.length + 5));
        assertTrue(refused(p).contains("5 unexpected bytes after the end"));

        c = good.clone();
        c[8] = 2;
        Files.write(p, c);
        assertTrue(refused(p).contains("model format version 2; this nnsh reads version 1"));

        Files.writeString(p, "label,pixel0\n1,0\n");
        assertTrue(refused(p).contains("not an nnsh model (it is text, starting 'label,pixel0')"));
        Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0});
        assertTrue(refused(p).contains("not an nnsh model (it is a PNG image)"));
        Files.write(p, new byte[0]);
        assertTrue(refused(p).contains("the file is empty"));
        assertTrue(refused(dir).contains("is a directory"));
        assertTrue(refused(dir.resolve("missing.nnm")).contains("no such file"));
    }

    /** Files with a valid checksum but impossible content (another writer's bug) are refused too. */
    @Test
    void refusesBadValuesEvenWithAGoodChecksum() throws IOException {
        byte[] good = Files.readAllBytes(trained());
        Path p = dir.resolve("v.nnm");
        // 64-8-10: header = 8+4+4+8+4+12+8+8 = 56 bytes, W1 starts at 56.
        assertTrue(refused(write(p, good, bb -> bb.putInt(44, 9))).contains("activation of layer 2 code 9; expected 0 to 5"));
        assertTrue(refused(write(p, good, bb -> bb.putInt(40, 4))).contains("hidden layer 1 has a softmax activation"));
        assertTrue(refused(write(p, good, bb -> bb.putInt(48, 3))).contains("loss code 3"));
        assertTrue(refused(write(p, good, bb -> bb.putDouble(56 + 8 * 5, Double.NaN))).contains("W1[5] (offset 96) is NaN; expected a finite number"));
        assertTrue(refused(write(p, good, bb -> bb.putInt(28, 1 << 30))).contains("units; expected 1 to"));
        assertTrue(refused(write(p, good, bb -> bb.putInt(32, 100000))).contains("the parameters"));
        assertTrue(refused(write(p, good, bb -> bb.putInt(12, 1))).contains("unknown flags"));
    }

    private static Path write(Path p, byte[] good, java.util.function.Consumer<ByteBuffer> edit) throws IOException {
        byte[] c = good.clone();
        ByteBuffer bb = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(bb);
        byte[] d = ModelFile.sha256(c, 0, c.length - 32);
        System.arraycopy(d, 0, c, c.length - 32, 32);
        Files.write(p, c);
        return p;
    }

    @Test
    void saveIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path f = trained();
        byte[] before = Files.readAllBytes(f);
        // A failed write (the content throws half way) leaves the old file and no temporary file behind.
        try {
            AtomicFile.write(f, out -> {
                out.write(new byte[1000]);
                throw new IOException("disk full");
            });
        } catch (nnsh.UserError e) {
            assertTrue(e.getMessage().contains("disk full"), e.getMessage());
            assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("good.nnm"), s.map(x -> x.getFileName().toString()).toList());
        }
        try (TestShell t = new TestShell()) {
            assertTrue(t.fail("init 64-10; save " + dir.resolve("no/such/dir/m.nnm")).contains("no such directory"));
            Path csv = dir.resolve("train.csv");
            Files.writeString(csv, "label,pixel0\n");
            assertTrue(t.fail("save " + csv).contains("exists and is not an nnsh model"));
            assertEquals("label,pixel0\n", Files.readString(csv));
            t.run("save " + csv + " --force");
            assertFalse(Files.readString(csv, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("label"));
            assertTrue(t.fail("save").contains("FILE"));
            assertTrue(new TestShell().fail("save x.nnm").contains("no network yet"));
        }
    }

    /** The Python reader in docs/model-format.md reads a real file (skipped without python3 and numpy). */
    @Test
    void theDocumentedPythonReaderWorks() throws Exception {
        Assumptions.assumeTrue(NpyTest.python("import numpy") == 0, "python3 with numpy not available");
        String doc = Files.readString(Path.of("docs/model-format.md"));
        int from = doc.indexOf("```python\n") + 10, to = doc.indexOf("```", from);
        Path script = dir.resolve("read_nnsh.py"), f = dir.resolve("m.nnm"), out = dir.resolve("out.txt");
        Files.writeString(script, doc.substring(from, to));
        try (TestShell t = new TestShell()) {
            t.run("load digits; split dev 100; init 64-12-10 --hidden tanh; optimizer adam; set batch 64; train 30 -q; save " + f);
        }
        String code = "import runpy, sys, io, contextlib\n"
                + "sys.argv = ['read_nnsh.py', r'" + f + "']\n"
                + "buf = io.StringIO()\n"
                + "with contextlib.redirect_stdout(buf):\n"
                + "    g = runpy.run_path(r'" + script + "', run_name='__main__')\n"
                + "m = g['read_nnsh'](r'" + f + "')\n"
                + "o = m['optimizer']\n"
                + "open(r'" + out + "', 'w').write(buf.getvalue() + '|%r|%r|%d|%d|%d|%r' % (float(m['params'][2][3, 4]), "
                + "float(o['second'][0][1, 2]), o['t'], m['cursor'], len(m['history']['loss']), float(m['history']['loss'][-1])))\n";
        assertEquals(0, NpyTest.python(code));
        String[] got = Files.readString(out).split("\\|");
        assertTrue(got[0].startsWith("64-12-10 ['tanh', 'softmax'] ce glorot"), got[0]);
        assertTrue(got[0].contains("W1 (12, 64) b1 (12, 1) iteration 30"), got[0]);
        ModelFile.Model m = ModelFile.load(f);
        assertEquals(m.net.layer(1).w[3 * 12 + 4], Double.parseDouble(got[1]));
        assertEquals(m.trainer.optimizer.secondMoments()[0][1 * 64 + 2], Double.parseDouble(got[2]));
        assertEquals(30, Long.parseLong(got[3]));
        assertEquals(m.trainer.cursor(), Integer.parseInt(got[4]));
        assertEquals(30, Integer.parseInt(got[5]));
        assertEquals(m.trainer.history.lastLoss(), Double.parseDouble(got[6]));
    }

    /** The same as the first test, across separate JVMs (nnsh's main class on this test's class path). */
    @Test
    void resumesBitExactInASecondProcess() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path a = dir.resolve("a.nnm"), b = dir.resolve("b.nnm"), c = dir.resolve("c.nnm");
        String setup = "load digits; init 64-32-10; optimizer adam --lr 0.003; set batch 32; set threads 1; ";
        nnsh(root, setup + "train 100 -q; save " + a);
        nnsh(root, "load digits; set threads 2; load model " + a + "; train 100 -q; save " + b);
        nnsh(root, setup + "train 200 -q; save " + c);
        assertSameParameters(ModelFile.load(c).net, ModelFile.load(b).net);
    }

    static String nnsh(Path root, String commands) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "@" + Path.of("scripts/java.flags").toAbsolutePath(), "-Dnnsh.home=" + root,
                "-cp", System.getProperty("java.class.path"), "nnsh.shell.Main", "-c", commands)
                .redirectErrorStream(true).directory(root.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
