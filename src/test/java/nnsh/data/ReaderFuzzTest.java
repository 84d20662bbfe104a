package nnsh.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.Mutator;
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
        return Mutator.mutate(base, r);
    }

    static byte[] gzip(byte[] b) throws IOException {
        return Mutator.gzip(b);
    }

    void expectCleanOutcome(Runnable read, int i, String what) {
        Mutator.expectCleanOutcome(read, i, what);
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
