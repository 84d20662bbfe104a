package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaggleTest {
    @TempDir
    Path dir;

    /** Kaggle's train.csv and test.csv layouts (28x28, pixels 0-255), few rows, an easy synthetic rule. */
    private void makeCsv(Path train, Path test, int nTrain, int nTest) throws Exception {
        Random r = new Random(3);
        StringBuilder tr = new StringBuilder("label"), te = new StringBuilder();
        for (int p = 0; p < 784; p++) {
            tr.append(",pixel").append(p);
            te.append(p == 0 ? "" : ",").append("pixel").append(p);
        }
        tr.append('\n');
        te.append('\n');
        for (int i = 0; i < nTrain + nTest; i++) {
            int label = i % 10;
            StringBuilder row = new StringBuilder(i < nTrain ? label + "," : "");
            for (int p = 0; p < 784; p++) {
                // The digit's "ink" is a bright band in rows 2 label and 2 label + 1.
                int v = p / 28 / 2 == label ? 200 + r.nextInt(56) : r.nextInt(30);
                row.append(p == 0 ? "" : ",").append(v);
            }
            (i < nTrain ? tr : te).append(row).append('\n');
        }
        Files.writeString(train, tr);
        Files.writeString(test, te);
    }

    @Test
    void writesASubmissionForTheUnlabeledTestSet() throws Exception {
        Path train = dir.resolve("train.csv"), test = dir.resolve("test.csv"), sub = dir.resolve("submission.csv");
        makeCsv(train, test, 400, 57);
        try (TestShell t = new TestShell()) {
            String out = t.run("load " + train + " --test " + test);
            assertTrue(out.contains("Kaggle test layout: header, no labels"), out);
            assertTrue(out.contains("test:  57 images 28x28 (no labels)"), out);
            t.run("init 784-10; optimizer adam --lr 0.01; train 50 -q");
            out = t.run("export kaggle " + sub);
            assertTrue(out.contains("wrote 57 predictions of test to " + sub + " (ImageId,Label; ImageId 1 to 57)"), out);
            List<String> lines = Files.readAllLines(sub);
            assertEquals(58, lines.size());
            assertEquals("ImageId,Label", lines.get(0));
            int right = 0;
            for (int i = 1; i <= 57; i++) {
                String[] f = lines.get(i).split(",");
                assertEquals(2, f.length);
                assertEquals(i, Integer.parseInt(f[0]));
                int label = Integer.parseInt(f[1]);
                assertTrue(label >= 0 && label <= 9);
                if (label == (400 + i - 1) % 10) right++;
            }
            assertTrue(right >= 50, right + " of 57 right");
            assertTrue(!new String(Files.readAllBytes(sub)).contains("\r"), "no CR line ends");
            // --split dev works too; a missing split is one line.
            t.run("split dev 50");
            assertTrue(t.run("export kaggle " + dir.resolve("dev.csv") + " --split dev").contains("accuracy"));
            assertTrue(t.fail("export kaggle x.csv --split nope").contains("unknown split 'nope'"));
            // An existing file that is not a submission is not replaced.
            assertTrue(t.fail("export kaggle " + train).contains("exists and is not a Kaggle submission"));
            assertTrue(t.fail("export kaggle " + dir.resolve("none/x.csv")).contains("no such directory"));
            assertTrue(t.fail("export parquet x").contains("expected npy or kaggle"));
        }
        try (TestShell t = new TestShell()) {
            t.run("load " + train);
            t.run("init 784-10");
            assertTrue(t.fail("export kaggle " + sub).contains("no test set"));
        }
    }
}
