package nnsh.shell;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.io.ModelFile;

@Command(name = "save", description = "Save the network and its training state ('load model' resumes).",
        footer = {"", "The file holds the layers, weights and biases, the optimizer and its",
                "moments, the iteration, epoch, batch size, seed and position in the epoch,",
                "and the history: after 'load model', 'train' continues exactly as if",
                "training had never stopped. It is written to a temporary file and then",
                "renamed, so an interrupted save leaves the old file intact. The format",
                "is described byte by byte in docs/model-format.md.",
                "", "Examples:",
                "  save mnist.nnm                     after 'train', keep the model",
                "  load model mnist.nnm; train 100    later, in a new session: resume",
                "  save /tmp/a.nnm --force            replace a file that is not an nnsh model"})
public final class SaveCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "FILE", description = "the model file to write (replaced if it is a model)")
    Path file;

    @Option(names = "--force", description = "also replace a file that is not an nnsh model")
    boolean force;

    public SaveCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        s.requireNet();
        if (!force) IoChecks.refuseToClobber(file, ModelFile.MAGIC, "an nnsh model");
        long start = System.nanoTime();
        long bytes = ModelFile.save(file, s.net, s.trainer, s.batch);
        double el = (System.nanoTime() - start) / 1e9;
        out().println("saved " + s.net.spec() + " at iteration " + s.trainer.iteration() + " (epoch " + s.trainer.epoch() + ", "
                + s.trainer.optimizer.kind.id + ") to " + file + ": " + Fmt.count(bytes) + " bytes in " + Fmt.seconds(el));
    }
}
