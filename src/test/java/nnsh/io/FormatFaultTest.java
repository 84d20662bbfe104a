package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.Mutator;
import nnsh.UserError;
import nnsh.core.Rng;
import nnsh.nn.Activation;
import nnsh.nn.Init;
import nnsh.nn.Loss;
import nnsh.nn.Network;
import nnsh.nn.Optimizer;
import nnsh.nn.Trainer;
import nnsh.nn.Workers;

/**
 * Damaged model, .npy and image files: cut at every byte, every byte flipped, and thousands of
 * seeded mutations (also with the checksum fixed up, so the parser behind it is reached). Each
 * is refused with one line naming the file, never another exception; a save that fails half way
 * leaves the old file.
 */
class FormatFaultTest {
    @TempDir
    Path dir;

    /** A small trained model: 3-4-2, adam (both moments), a few history records. */
    static byte[] smallModel() {
        Network net = Network.build(new int[] {3, 4, 2}, new Activation[] {Activation.TANH}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.GLOROT, new Rng(3));
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.ADAM, 0.01), 5);
        double[] x = {0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1};
        int[] y = {0, 1, 1, 0};
        t.setData(x, y, 4);
        t.setBatchSize(2);
        try (Workers w = new Workers(1)) {
            for (int i = 0; i < 3; i++) t.step(w);
        }
        return ModelFile.encode(net, t, 2);
    }

    static String refusal(byte[] bytes) {
        UserError e = assertThrows(UserError.class, () -> ModelFile.decode(bytes, "m.nnm"));
        String m = e.getMessage();
        assertTrue(m.startsWith("m.nnm: ") && !m.contains("\n") && !m.contains("internal error"), m);
        return m;
    }

    @Test
    void aModelCutAtEveryByteIsRefusedAsTruncated() {
        byte[] good = smallModel();
        ModelFile.decode(good, "m.nnm");
        for (int n = 0; n < good.length; n++) {
            String m = refusal(java.util.Arrays.copyOf(good, n));
            if (n == 0) assertEquals("m.nnm: not an nnsh model (the file is empty); expected a model file written by 'save'", m);
            else if (n < 8) assertTrue(m.startsWith("m.nnm: not an nnsh model ("), n + ": " + m);
            else assertTrue(m.startsWith("m.nnm: truncated: " + n + " bytes"), n + ": " + m);
        }
    }

    @Test
    void everyByteFlippedIsRefused() {
        byte[] good = smallModel();
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] c = good.clone();
                c[i] ^= (byte) mask;
                String m = refusal(c);
                if (i < 8) assertTrue(m.contains("not an nnsh model"), i + ": " + m);
                else if (i < 12) assertTrue(m.contains("model format version"), i + ": " + m);
                else if (i >= 16 && i < 24) assertTrue(m.contains("truncated") || m.contains("corrupted") || m.contains("unexpected bytes"), i + ": " + m);
                else assertTrue(m.contains("corrupted: the SHA-256 checksum does not match"), i + ": " + m);
            }
        }
    }

    @Test
    void aNewerVersionOrAnotherProgramsFileIsNamedAsSuch() {
        byte[] newer = java.util.Arrays.copyOf(ModelFile.MAGIC, 12);
        newer[8] = 2;
        assertEquals("m.nnm: model format version 2; this nnsh reads version 1 (saved by a newer nnsh?)", refusal(newer));
        assertTrue(refusal(Npy.encode(new double[4], 2, 2)).contains("not an nnsh model (it is a NumPy .npy file)"));
        assertTrue(refusal(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0}).contains("not an nnsh model (it is a zip archive)"));
        assertTrue(refusal(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0}).contains("not an nnsh model (it looks like an IDX data file)"));
    }

    /** Random damage; half the cases get a fixed-up length and checksum so the parser sees them. */
    @Test
    void fuzzedModelsAreRefusedCleanly() {
        byte[] good = smallModel();
        Rng r = new Rng(4242);
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] m = Mutator.mutate(good, r);
            if (r.nextInt(2) == 0 && m.length >= 24 + 32) {
                ByteBuffer bb = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
                System.arraycopy(ModelFile.MAGIC, 0, m, 0, 8);
                bb.putInt(8, ModelFile.VERSION);
                bb.putInt(12, 0);
                bb.putLong(16, m.length);
                System.arraycopy(ModelFile.sha256(m, 0, m.length - 32), 0, m, m.length - 32, 32);
                parsed++;
            }
            Mutator.expectCleanOutcome(() -> ModelFile.decode(m, "m.nnm"), i, "model");
        }
        assertTrue(parsed > 1000);
    }

    @Test
    void fuzzedNpyFilesAreRefusedCleanly() {
        double[] v = new double[12];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.5;
        byte[][] bases = {Npy.encode(v, 3, 4), Npy.encode(v, 12, 1)};
        Rng r = new Rng(99);
        for (int i = 0; i < 3000; i++) {
            byte[] m = Mutator.mutate(bases[i % 2], r);
            Mutator.expectCleanOutcome(() -> Npy.decode(m, "W1.npy"), i, "npy");
        }
        // Header text edits a byte flip rarely reaches: shapes, types and versions.
        String[] headers = {"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 4), }",
                "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4, 1), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3x, 4), }",
                "{'descr': '<f8', 'shape': (3, 4), }", ""};
        for (String h : headers) {
            byte[] hb = h.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            ByteBuffer b = ByteBuffer.allocate(10 + hb.length + 96).order(ByteOrder.LITTLE_ENDIAN);
            b.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) hb.length).put(hb);
            UserError e = assertThrows(UserError.class, () -> Npy.decode(b.array(), "W1.npy"), h);
            assertTrue(e.getMessage().startsWith("W1.npy: ") && !e.getMessage().contains("internal"), e.getMessage());
        }
    }

    @Test
    void fuzzedImagesAreRefusedCleanly() throws IOException {
        StringBuilder pgm = new StringBuilder("P2\n# a digit\n4 4\n255\n");
        for (int i = 0; i < 16; i++) pgm.append(i * 16).append(' ');
        byte[] p2 = pgm.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] p5 = new byte[15 + 16];
        System.arraycopy("P5\n4 4\n255\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, p5, 0, 11);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(6, 6, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(2, 2, 0, 255);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        Rng r = new Rng(7);
        Path f = dir.resolve("d.pgm"), g = dir.resolve("d.png");
        for (int i = 0; i < 1500; i++) {
            byte[] m = Mutator.mutate(i % 2 == 0 ? p2 : p5, r);
            Mutator.expectCleanOutcome(() -> DigitImage.prepare(DigitImage.readPgm(m, "d.pgm"), 28), i, "pgm");
        }
        for (int i = 0; i < 300; i++) {
            Files.write(g, Mutator.mutate(png.toByteArray(), r));
            Mutator.expectCleanOutcome(() -> DigitImage.prepare(DigitImage.read(g), 28), i, "png");
        }
        Files.writeString(f, "hello");
        UserError e = assertThrows(UserError.class, () -> DigitImage.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }

    /** A save that fails half way, by an exception of any kind, leaves the old file and no temporary file. */
    @Test
    void aSaveInterruptedMidWriteLeavesTheOldFile() throws IOException {
        Path f = dir.resolve("m.nnm");
        byte[] old = smallModel();
        Files.write(f, old);
        for (Exception cause : new Exception[] {new IOException("disk full"), new java.nio.channels.ClosedByInterruptException(),
                new IllegalStateException("a bug while writing")}) {
            try {
                AtomicFile.write(f, out -> {
                    out.write(new byte[5000]);
                    if (cause instanceof IOException) throw (IOException) cause;
                    throw (RuntimeException) cause;
                });
            } catch (RuntimeException e) {
                // UserError for I/O, the RuntimeException itself otherwise; either way nothing changed
            }
            assertArrayEquals(old, Files.readAllBytes(f), cause.toString());
            try (var s = Files.list(dir)) {
                assertEquals(java.util.List.of("m.nnm"), s.map(x -> x.getFileName().toString()).toList(), cause.toString());
            }
        }
        ModelFile.decode(Files.readAllBytes(f), "m.nnm");
    }
}
