package nnsh.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] images(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000803);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < count * rows * cols; i++) d.writeByte(i % 256);
        return b.toByteArray();
    }

    static byte[] labels(int... ls) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000801);
        d.writeInt(ls.length);
        for (int l : ls) d.writeByte(l);
        return b.toByteArray();
    }

    Path write(String name, byte[] bytes, boolean gz) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = gz ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(bytes);
        }
        return p;
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path im = write("im" + gz, images(3, 2, 4), gz);
            Path lb = write("lb" + gz, labels(7, 0, 9), gz);
            Dataset d = Idx.read("t", im, lb, 255);
            assertEquals(3, d.n);
            assertEquals(4, d.width);
            assertEquals(2, d.height);
            assertArrayEquals(new int[] {7, 0, 9}, d.y);
            assertEquals(5 / 255.0, d.x[5], 0);
            assertEquals(23 / 255.0, d.x[23], 0);
        }
    }

    @Test
    void scaleDefaultsTo255AndCanBeOverridden() throws IOException {
        Path im = write("im", images(1, 2, 2), false);
        assertEquals(3 / 255.0, Idx.read("t", im, null, 0).x[3], 0);
        assertEquals(3 / 4.0, Idx.read("t", im, null, 4).x[3], 0);
    }

    @Test
    void pixelsKeepTheOneByteSparseForm() throws IOException {
        // Every byte value 0 .. 255 (64 images of 2 x 2), scaled as the reader scales them: the sparse form
        // holds them as one-byte codes (SparseRows checks that bit for bit).
        Dataset d = Idx.read("t", write("im", images(64, 2, 2), false), null, 0);
        assertTrue(nnsh.core.SparseRows.of(d.x, d.n, d.features).coded());
    }

    @Test
    void refusesMismatchedCountsSwappedFilesAndTruncation() throws IOException {
        Path im = write("im", images(3, 2, 2), false);
        Path lb = write("lb", labels(1, 2), false);
        UserError e = assertThrows(UserError.class, () -> Idx.read("t", im, lb, 255));
        assertTrue(e.getMessage().contains("3 images but lb has 2 labels"), e.getMessage());
        e = assertThrows(UserError.class, () -> Idx.readImages(lb));
        assertTrue(e.getMessage().contains("label file"), e.getMessage());
        byte[] full = images(3, 2, 2);
        Path cut = write("cut", java.util.Arrays.copyOf(full, full.length - 1), false);
        e = assertThrows(UserError.class, () -> Idx.readImages(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path cutGz = write("cut.gz", java.util.Arrays.copyOf(full, full.length - 1), true);
        e = assertThrows(UserError.class, () -> Idx.readImages(cutGz));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path junk = write("junk", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, false);
        e = assertThrows(UserError.class, () -> Idx.readImages(junk));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void refusesAHugeClaimBeforeAllocating() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000803);
        d.writeInt(2_000_000_000);
        d.writeInt(28);
        d.writeInt(28);
        Path p = write("huge", b.toByteArray(), false);
        UserError e = assertThrows(UserError.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    /** A damaged .gz whose deflate data still decodes is caught by its CRC, not read as other pixels. */
    @Test
    void corruptedGzipIsRefusedByItsChecksum() throws IOException {
        byte[] gz = gzip(images(4, 3, 3));
        gz[gz.length - 8] ^= 0x01; // the CRC-32 in the trailer
        Path p = dir.resolve("crc.gz");
        Files.write(p, gz);
        UserError e = assertThrows(UserError.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().startsWith(p + ": corrupted or truncated gzip data ("), e.getMessage());
        byte[] lb = gzip(labels(1, 2, 3));
        lb[lb.length - 2] ^= 0x40; // the length in the trailer
        Path q = dir.resolve("len.gz");
        Files.write(q, lb);
        e = assertThrows(UserError.class, () -> Idx.readLabels(q));
        assertTrue(e.getMessage().startsWith(q + ": corrupted or truncated gzip data ("), e.getMessage());
    }

    @Test
    void bytesAfterTheDataAreRefused() throws IOException {
        byte[] im = images(2, 2, 2);
        Path p = write("extra", java.util.Arrays.copyOf(im, im.length + 5), false);
        UserError e = assertThrows(UserError.class, () -> Idx.readImages(p));
        assertEquals(p + ": 5 unexpected bytes after the 24 the header describes; expected the file to end there", e.getMessage());
        byte[] lb = labels(1, 2);
        Path q = write("extra.gz", java.util.Arrays.copyOf(lb, lb.length + 1), true);
        e = assertThrows(UserError.class, () -> Idx.readLabels(q));
        assertEquals(q + ": 1 unexpected bytes after the 10 the header describes; expected the file to end there", e.getMessage());
    }

    /** Dimensions whose product overflows an int, and a compressed file claiming billions of images. */
    @Test
    void overflowingDimensionsAndBillionsOfItemsAreRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000803);
        d.writeInt(65536);
        d.writeInt(65536);
        d.writeInt(65536);
        Path p = write("ovf", b.toByteArray(), false);
        UserError e = assertThrows(UserError.class, () -> Idx.readImages(p));
        assertTrue(e.getMessage().contains("too large to be a digit data set"), e.getMessage());
        b.reset();
        d.writeInt(0x00000803);
        d.writeInt(2_000_000_000);
        d.writeInt(1);
        d.writeInt(1);
        d.write(new byte[100]);
        Path g = write("billions.gz", b.toByteArray(), true);
        e = assertThrows(UserError.class, () -> Idx.readImages(g));
        assertEquals(g + ": truncated: the header promises 2000000016 bytes, the data ends after 116", e.getMessage());
        b.reset();
        d.writeInt(0x00000801);
        d.writeInt(-1);
        Path l = write("neg", b.toByteArray(), false);
        e = assertThrows(UserError.class, () -> Idx.readLabels(l));
        assertEquals(l + ": label count is 4294967295 in the header; too large", e.getMessage());
    }

    @Test
    void bundledMnistHasTheDocumentedLabels() {
        Bundled.Pair p = Bundled.mnist(0);
        assertEquals(60000, p.train.n);
        assertEquals(10000, p.test.n);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, java.util.Arrays.copyOf(p.train.y, 10));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, java.util.Arrays.copyOf(p.test.y, 10));
        double max = 0;
        for (double v : p.train.x) max = Math.max(max, v);
        assertEquals(1.0, max, 0);
    }
}
