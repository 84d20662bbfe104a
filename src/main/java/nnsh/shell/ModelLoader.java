package nnsh.shell;

import java.nio.file.Path;

import nnsh.io.FileKind;
import nnsh.io.ModelFile;

/** 'load model FILE': reads and checks the whole file, then puts it into the session in one go. */
final class ModelLoader {
    private final Session s;

    ModelLoader(Session s) {
        this.s = s;
    }

    static boolean isModel(Path f) {
        return FileKind.hasMagic(f, ModelFile.MAGIC);
    }

    void load(Path file) {
        long start = System.nanoTime();
        ModelFile.Model m = ModelFile.load(file);
        double el = (System.nanoTime() - start) / 1e9;
        // Everything is read and checked: only now does the session change.
        s.net = m.net;
        s.trainer = m.trainer;
        s.batch = m.trainer.batchSize();
        s.seed = m.trainer.seed();
        var o = m.trainer.optimizer;
        s.rememberOptimizer(o);
        String acts = String.join(", ", Fmt.activationIds(m.net));
        s.out.println("loaded model " + file + " in " + Fmt.seconds(el) + ": " + m.net.spec() + " (" + acts + "; loss " + m.net.loss.id
                + (m.net.init != null ? "; init " + m.net.init.id : "") + "), " + Fmt.count(m.net.parameterCount()) + " parameters");
        int examples = m.trainer.examples();
        s.out.println("  at iteration " + m.trainer.iteration() + ", epoch " + m.trainer.epoch()
                + (m.trainer.cursor() > 0 ? " (" + Fmt.count(m.trainer.cursor()) + " of " + Fmt.count(examples) + " examples done)" : "")
                + "; optimizer " + o.describe() + " (step " + o.t + "); batch " + Session.batchName(s.batch)
                + "; seed " + m.trainer.seed() + "; " + Fmt.count(m.trainer.history.size()) + " history records");
        if (s.train != null && m.net.inputs() != s.train.features) {
            s.out.println("note: the model takes " + m.net.inputs() + " inputs but the loaded images have " + s.train.features
                    + " pixels; load matching data before training");
        } else if (s.train != null && examples > 0 && examples != s.train.n) {
            s.out.println("note: the model was trained on " + Fmt.count(examples) + " examples, the loaded training set has "
                    + Fmt.count(s.train.n) + "; training continues, but not on the same batches");
        }
    }
}
