package nnsh.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;
import nnsh.core.Rng;

/**
 * Seeded mutation fuzzing of the data readers: thousands of damaged IDX (raw and gzip) and CSV
 * files. Each must either read or be refused with our own one-line UserError; any other
 * exception is a bug.
 */
class ReaderFuzzTest {
    static final int CASES = 1500;

    @TempDir
    Path dir;

    static byte[] mutate(byte[] base, Rng r) {
        byte[] b = base.clone();
        switch (r.nextInt(5)) {
            case 0: // flip a few bits
                for (int k = 1 + r.nextInt(4); k > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            case 1: // truncate
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 2: // overwrite a header byte with an extreme value
                b[r.nextInt(Math.min(16, b.length))] = (byte) (r.nextInt(2) == 0 ? 0xFF : 0x7F);
                return b;
            case 3: { // insert junk
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length + 3];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                out[at + 1] = (byte) r.nextInt(256);
                out[at + 2] = (byte) r.nextInt(256);
                System.arraycopy(b, at, out, at + 3, b.length - at);
                return out;
            }
            default: // random bytes
                byte[] out = new byte[r.nextInt(64)];
                for (int i = 0; i < out.length; i++) out[i] = (byte) r.nextInt(256);
                return out;
        }
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    void expectCleanOutcome(Runnable read, int i, String what) {
        try {
            read.run();
        } catch (UserError e) {
            if (e.getMessage() == null || e.getMessage().contains("\n")) fail(what + " case " + i + ": not one line: " + e.getMessage());
        } catch (Throwable t) {
            fail(what + " case " + i + ": " + t, t);
        }
    }

    @Test
    void idxImagesAndLabels() throws IOException {
        byte[] images = IdxTest.images(4, 3, 3), labels = IdxTest.labels(1, 2, 3, 4);
        byte[] gzImages = gzip(images);
        Rng r = new Rng(2024);
        Path im = dir.resolve("im"), lb = dir.resolve("lb");
        for (int i = 0; i < CASES; i++) {
            int kind = r.nextInt(3);
            byte[] base = kind == 0 ? images : kind == 1 ? gzImages : labels;
            byte[] m = mutate(base, r);
            if (kind == 2) {
                Files.write(im, images);
                Files.write(lb, m);
            } else {
                Files.write(im, m);
                Files.write(lb, labels);
            }
            expectCleanOutcome(() -> Idx.read("f", im, lb, 255), i, "idx");
        }
    }

    @Test
    void csvFiles() throws IOException {
        String text = CsvDataTest.header(true, 4) + CsvDataTest.row(3, 4, 200, false) + CsvDataTest.row(8, 4, 1, false);
        byte[] base = text.getBytes(StandardCharsets.UTF_8);
        Rng r = new Rng(77);
        Path f = dir.resolve("f.csv");
        for (int i = 0; i < CASES; i++) {
            Files.write(f, mutate(base, r));
            expectCleanOutcome(() -> CsvData.read("f", f, 0), i, "csv");
        }
    }
}
