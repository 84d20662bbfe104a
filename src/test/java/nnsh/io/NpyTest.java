package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.nn.Dense;
import nnsh.nn.Network;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void headerAndDataBytes() throws Exception {
        double[] v = {1.5, -2, 0, Math.PI, 1e-300, -0.0};
        byte[] b = Npy.encode(v, 2, 3);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(b, 8));
        int hlen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(128 - 10, hlen); // 71 bytes unpadded: two 64-byte blocks, as numpy writes it
        String h = new String(b, 10, hlen, StandardCharsets.US_ASCII);
        assertTrue(h.startsWith(dict), h);
        assertEquals(" ".repeat(hlen - dict.length() - 1) + "\n", h.substring(dict.length()));
        assertEquals(128 + 6 * 8, b.length);
        ByteBuffer bb = ByteBuffer.wrap(b, 128, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(bb.getDouble()));
        // A header longer than one block: 784-wide shapes still fit; a huge one pads to 128.
        assertEquals(0, Npy.header(1000, 784).length % 64);
        assertEquals('\n', Npy.header(123456789, 987654321)[Npy.header(123456789, 987654321).length - 1]);
        Npy.Array a = Npy.decode(b, "x.npy");
        assertEquals(2, a.rows);
        assertEquals(3, a.cols);
        assertArrayEquals(v, a.data);
    }

    @Test
    void exportUsesTheTutorialsShapes() throws Exception {
        try (TestShell t = new TestShell()) {
            String out = t.run("load digits; init 64-16-10; train 3 -q; export npy " + dir.resolve("w"));
            assertTrue(out.contains("wrote 4 .npy files"), out);
            Network net = t.session.net;
            Dense d = net.layer(0);
            Npy.Array w1 = Npy.read(dir.resolve("w/W1.npy")), b1 = Npy.read(dir.resolve("w/b1.npy"));
            assertEquals(16, w1.rows);
            assertEquals(64, w1.cols);
            assertEquals(16, b1.rows);
            assertEquals(1, b1.cols);
            assertArrayEquals(d.w, w1.data);
            assertArrayEquals(d.b, b1.data);
            assertTrue(new String(Files.readAllBytes(dir.resolve("w/b2.npy")), StandardCharsets.ISO_8859_1).contains("'shape': (10, 1), }"));
            // And back in, into a network of the same sizes.
            t.run("init 64-16-10 --seed 9");
            t.run("load npy " + dir.resolve("w"));
            assertArrayEquals(d.w, t.session.net.layer(0).w);
            assertArrayEquals(net.layer(1).b, t.session.net.layer(1).b);
            String msg = t.fail("init 64-20-10; load npy " + dir.resolve("w"));
            assertTrue(msg.contains("W1.npy: shape (16, 64); the network 64-20-10 needs W1 of (20, 64)"), msg);
        }
    }

    /** numpy itself reads what we write (skipped where python3 or numpy is missing). */
    @Test
    void numpyReadsTheFiles() throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "python3 with numpy not available");
        Path w = dir.resolve("w");
        try (TestShell t = new TestShell()) {
            t.run("load digits; init 64-16-10; train 2 -q; export npy " + w);
            Dense d = t.session.net.layer(0);
            // numpy computes the first layer for image 0 in the tutorials' convention: Z1 = W1 @ x + b1.
            double[] x = java.util.Arrays.copyOf(t.session.train.x, 64);
            StringBuilder xs = new StringBuilder();
            for (double v : x) xs.append(v).append(',');
            Path outFile = dir.resolve("z.txt");
            String code = "import numpy as np\n"
                    + "W1 = np.load(r'" + w.resolve("W1.npy") + "'); b1 = np.load(r'" + w.resolve("b1.npy") + "')\n"
                    + "W2 = np.load(r'" + w.resolve("W2.npy") + "'); b2 = np.load(r'" + w.resolve("b2.npy") + "')\n"
                    + "assert W1.shape == (16, 64) and b1.shape == (16, 1) and W2.shape == (10, 16) and b2.shape == (10, 1)\n"
                    + "assert W1.dtype == np.float64 and W1.flags['C_CONTIGUOUS']\n"
                    + "x = np.array([" + xs + "]).reshape(64, 1)\n"
                    + "z = W1 @ x + b1\n"
                    + "open(r'" + outFile + "', 'w').write(' '.join(repr(float(v)) for v in z.ravel()) + ' ' + repr(float(W1[3, 5])))\n";
            assertEquals(0, python(code));
            String[] got = Files.readString(outFile).trim().split(" ");
            assertEquals(d.w[3 * 64 + 5], Double.parseDouble(got[16]));
            for (int o = 0; o < 16; o++) {
                double z = d.b[o];
                for (int i = 0; i < 64; i++) z += d.w[o * 64 + i] * x[i];
                assertEquals(z, Double.parseDouble(got[o]), 1e-12);
            }
        }
        // And we read what numpy writes, including float32, Fortran order and 1-D arrays.
        Path np = dir.resolve("np");
        Files.createDirectories(np);
        assertEquals(0, python("import numpy as np\n"
                + "np.save(r'" + np.resolve("c.npy") + "', np.arange(6, dtype='<f8').reshape(2, 3))\n"
                + "np.save(r'" + np.resolve("f.npy") + "', np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)))\n"
                + "np.save(r'" + np.resolve("s.npy") + "', np.arange(6, dtype='<f4').reshape(2, 3))\n"
                + "np.save(r'" + np.resolve("v.npy") + "', np.arange(4, dtype='<f8'))\n"
                + "np.save(r'" + np.resolve("i.npy") + "', np.arange(4))\n"));
        double[] want = {0, 1, 2, 3, 4, 5};
        assertArrayEquals(want, Npy.read(np.resolve("c.npy")).data);
        assertArrayEquals(want, Npy.read(np.resolve("f.npy")).data);
        assertArrayEquals(want, Npy.read(np.resolve("s.npy")).data);
        assertEquals(4, Npy.read(np.resolve("v.npy")).rows);
        assertEquals(1, Npy.read(np.resolve("v.npy")).cols);
        try {
            Npy.read(np.resolve("i.npy"));
            throw new AssertionError("int64 accepted");
        } catch (nnsh.UserError e) {
            assertTrue(e.getMessage().contains("holds '<i8' values; expected float64"), e.getMessage());
        }
    }

    static int python(String code) throws Exception {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0 && !code.equals("import numpy")) System.err.println(out);
            return p.exitValue();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void badNpyFilesGiveOneLine() throws Exception {
        Path w = dir.resolve("w");
        try (TestShell t = new TestShell()) {
            t.run("load digits; init 64-10; export npy " + w);
            double[] before = t.session.net.layer(0).w.clone();
            byte[] good = Files.readAllBytes(w.resolve("W1.npy"));
            Files.write(w.resolve("W1.npy"), java.util.Arrays.copyOf(good, good.length - 8));
            assertTrue(t.fail("load npy " + w).contains("W1.npy: truncated: shape (10, 64) of '<f8' needs 5120 bytes of data, the file has 5112"));
            Files.writeString(w.resolve("W1.npy"), "1,2,3\n");
            assertTrue(t.fail("load npy " + w).contains("W1.npy: not a NumPy .npy file (it is text, starting '1,2,3')"));
            byte[] c = good.clone();
            c[6] = 9;
            Files.write(w.resolve("W1.npy"), c);
            assertTrue(t.fail("load npy " + w).contains(".npy format version 9.0"));
            c = good.clone();
            System.arraycopy("'shape': (10 x 64)".getBytes(StandardCharsets.US_ASCII), 0, c, 50, 18);
            Files.write(w.resolve("W1.npy"), c);
            assertTrue(t.fail("load npy " + w).contains("malformed shape (10 x 64) in the .npy header"));
            c = good.clone();
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putDouble(128 + 8 * 70, Double.NaN);
            Files.write(w.resolve("W1.npy"), c);
            assertTrue(t.fail("load npy " + w).contains("value 70 (row 1, column 6) is NaN"));
            Files.delete(w.resolve("W1.npy"));
            assertTrue(t.fail("load npy " + w).contains("W1.npy: missing; the network 64-10 needs W1.npy, b1.npy"));
            assertTrue(t.fail("load npy " + dir.resolve("nope")).contains("no such directory"));
            assertTrue(t.fail("load " + w.resolve("b1.npy")).contains("is a NumPy array, not data"));
            assertArrayEquals(before, t.session.net.layer(0).w);
            // export refuses to overwrite a file that is not .npy
            Files.writeString(w.resolve("W1.npy"), "notes");
            assertTrue(t.fail("export npy " + w).contains("W1.npy: exists and is not a .npy file"));
            t.run("export npy " + w + " --force");
            assertTrue(FileKind.hasMagic(w.resolve("W1.npy"), Npy.MAGIC));
            assertTrue(t.fail("export npy " + w.resolve("b1.npy")).contains("is a file; expected a directory"));
        }
    }
}
