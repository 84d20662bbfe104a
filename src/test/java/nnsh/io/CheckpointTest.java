package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.nn.Network;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsResumeLikeSave() throws Exception {
        Path ck = dir.resolve("run.nnm");
        String setup = "load digits; init 64-24-10; optimizer adam; set batch 40; ";
        Network straight;
        try (TestShell a = new TestShell()) {
            a.run(setup + "train 90 -q");
            straight = a.session.net;
        }
        try (TestShell b = new TestShell()) {
            String out = b.run(setup + "train 70 --every 10 --checkpoint " + ck + " --checkpoint-every 25");
            assertTrue(out.contains("checkpoint: iteration 25 saved to " + ck), out);
            assertTrue(out.contains("checkpoint: iteration 50 saved to " + ck), out);
            assertTrue(out.contains("checkpoint: iteration 70 saved to " + ck), out); // the end
            assertEquals(70, ModelFile.load(ck).trainer.iteration());
            // The session moves on, then goes back to the last checkpoint (iteration 70): it resumes exactly.
            b.run("train 1 -q; load model " + ck + "; train 20 -q --checkpoint " + ck + " --checkpoint-every 5");
            assertEquals(90, ModelFile.load(ck).trainer.iteration());
            ModelFileTest.assertSameParameters(straight, b.session.net);
            ModelFileTest.assertSameParameters(straight, ModelFile.load(ck).net);
        }
        try (TestShell c = new TestShell()) {
            c.run(setup);
            assertTrue(c.fail("train 5 --checkpoint-every 2").contains("also give --checkpoint FILE"));
            assertTrue(c.fail("train 5 --checkpoint " + ck + " --checkpoint-every 0").contains("expected at least 1"));
            Path csv = dir.resolve("data.csv");
            Files.writeString(csv, "1,2\n");
            assertTrue(c.fail("train 5 --checkpoint " + csv).contains("exists and is not an nnsh model"));
            assertEquals(0, c.session.trainer.iteration());
        }
    }
}
