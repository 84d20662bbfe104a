package nnsh.io;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A submission for Kaggle's Digit Recognizer: a header {@code ImageId,Label}, then one row per
 * test image in the order of test.csv, ImageId counting from 1.
 */
public final class Kaggle {
    private Kaggle() {}

    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader("ImageId", "Label").setRecordSeparator("\n").build();

    /** Writes atomically. */
    public static void writeSubmission(Path file, int[] labels) {
        AtomicFile.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            // Not closed here: AtomicFile forces the bytes to disk, then closes the file.
            CSVPrinter p = new CSVPrinter(w, FORMAT);
            for (int i = 0; i < labels.length; i++) p.printRecord(i + 1, labels[i]);
            p.flush();
        });
    }
}
