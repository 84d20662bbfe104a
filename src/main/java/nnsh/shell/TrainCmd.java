package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.nn.Network;
import nnsh.nn.Trainer;

@Command(name = "train", description = "Train for N iterations (or --epochs E), showing progress.",
        footer = {"", "One iteration is one update from one batch ('set batch'); an epoch is one pass",
                "over the training images. Every --every K iterations a line shows the loss, the",
                "accuracy on the batches since the last line, and the dev accuracy when there is",
                "a dev set. In the shell a live line shows progress and the time left; Ctrl-C",
                "stops after the current iteration and keeps what was learned so far.",
                "", "Examples:", "  train 500 --every 100          the tutorials' full-batch gradient descent",
                "  train --epochs 5 --batch 1024  mini-batches of 1,024 images",
                "  train                          100 iterations (full batch), else one epoch",
                "  train 5000 --checkpoint run.nnm --checkpoint-every 500",
                "                                 save every 500 iterations and at the end;",
                "                                 after a crash, 'load model run.nnm' resumes",
                "Checkpoints are written like 'save' (a temporary file, then a rename), so",
                "a crash during one leaves the previous checkpoint intact."})
public final class TrainCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "iterations to run")
    Integer iterations;

    @Option(names = "--epochs", paramLabel = "E", description = "run E passes over the training images instead")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "batch size for this and later runs (a number, or 'full')")
    String batch;

    @Option(names = "--every", paramLabel = "K", description = "print a progress line every K iterations")
    Integer every;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "save the model to FILE at the end (and with --checkpoint-every)")
    java.nio.file.Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "also save it every N iterations (counted from the first 'init')")
    Integer checkpointEvery;

    @Option(names = {"-q", "--quiet"}, description = "print only the summary")
    boolean quiet;

    public TrainCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        // Every check first, so a mistake leaves the session as it was (the batch size included).
        int newBatch = s.batch;
        if (batch != null) newBatch = Session.parseBatch("--batch", batch);
        if (iterations != null && epochs != null) throw new UserError("give either N iterations or --epochs E, not both");
        if (epochs != null && epochs < 1) throw new UserError("--epochs " + epochs + ": expected at least 1");
        if (iterations != null && iterations < 1) throw new UserError("train " + iterations + ": expected at least 1 iteration");
        if (every != null && every < 1) throw new UserError("--every " + every + ": expected at least 1");
        if (checkpointEvery != null) {
            if (checkpoint == null) throw new UserError("--checkpoint-every " + checkpointEvery + ": also give --checkpoint FILE");
            if (checkpointEvery < 1) throw new UserError("--checkpoint-every " + checkpointEvery + ": expected at least 1");
        }
        if (checkpoint != null) {
            // Before training, not after it: a run must not end in a checkpoint that cannot be written.
            nnsh.io.AtomicFile.checkTarget(checkpoint);
            IoChecks.refuseToClobber(checkpoint, nnsh.io.ModelFile.MAGIC, "an nnsh model");
        }
        Trainer t = s.readyTrainer(newBatch);
        long n;
        if (epochs != null) n = (long) epochs * t.iterationsPerEpoch();
        else if (iterations != null) n = iterations;
        else n = t.fullBatch() ? 100 : t.iterationsPerEpoch();
        long k = every != null ? every : defaultEvery(n, t);
        out().println("training " + Fmt.count(n) + " iterations: " + (t.fullBatch() ? "full batch of " + Fmt.count(t.examples())
                : "batches of " + Fmt.count(t.batchSize()) + " (" + Fmt.count(t.iterationsPerEpoch()) + " per epoch)")
                + ", " + t.optimizer.describe() + "; " + nnsh.core.Backend.describe(s.threads())
                + (s.interactive ? " (Ctrl-C stops after the current iteration)" : ""));
        s.interrupted = false;
        long start = System.nanoTime();
        long done = 0;
        double lossSum = 0, accSum = 0;
        int since = 0;
        Network.Result last = null;
        String stopped = null;
        long lastStatus = 0;
        double dev = Double.NaN;
        try {
            for (; done < n; done++) {
                if (s.interrupted || Thread.currentThread().isInterrupted()) {
                    stopped = "interrupted";
                    break;
                }
                last = t.step(s.workers());
                lossSum += last.loss;
                accSum += last.accuracy;
                since++;
                if (!quiet && ((done + 1) % k == 0 || done + 1 == n)) {
                    dev = devAccuracy(t);
                    double el = (System.nanoTime() - start) / 1e9;
                    s.clearStatus();
                    out().println(String.format(java.util.Locale.ROOT, "iter %6d  epoch %6.2f  loss %s  acc %s%s  %s",
                            t.iteration(), t.epoch() + (double) t.cursor() / t.examples(), Fmt.f4(lossSum / since), Fmt.f4(accSum / since),
                            Double.isNaN(dev) ? "" : "  dev " + Fmt.f4(dev), Fmt.seconds(el)));
                    out().flush();
                    lossSum = 0;
                    accSum = 0;
                    since = 0;
                }
                if (checkpointEvery != null && t.iteration() % checkpointEvery == 0 && done + 1 < n) checkpoint(t);
                long now = System.nanoTime();
                if (s.live && (now - lastStatus > 100_000_000L || done + 1 == n)) {
                    lastStatus = now;
                    s.status(progress(done + 1, n, last, dev, (now - start) / 1e9));
                }
            }
        } catch (Trainer.NonFiniteException e) {
            stopped = e.getMessage();
        }
        s.clearStatus();
        if (checkpoint != null && done > 0) checkpoint(t);
        double el = (System.nanoTime() - start) / 1e9;
        String perIter = done > 0 ? " (" + Fmt.seconds(el / done) + "/iteration)" : "";
        if (stopped != null && !stopped.equals("interrupted")) {
            out().println("stopped: " + stopped + "; no update was made from it, so the parameters are those after iteration "
                    + t.iteration() + ".");
            throw new UserError("training stopped after " + Fmt.count(done) + " iteration" + (done == 1 ? "" : "s")
                    + ": a loss, gradient or update was not finite; try a smaller learning rate (lr is "
                    + nnsh.nn.Optimizer.fmt(t.optimizer.lr) + ")");
        }
        out().println((stopped != null ? "interrupted after " : "done: ") + Fmt.count(done) + " iterations in " + Fmt.seconds(el) + perIter
                + "; now at iteration " + t.iteration() + ", epoch " + t.epoch());
    }

    private void checkpoint(Trainer t) {
        long bytes = nnsh.io.ModelFile.save(checkpoint, s.net, t, s.batch);
        s.clearStatus();
        if (!quiet) out().println("checkpoint: iteration " + t.iteration() + " saved to " + checkpoint + " (" + Fmt.count(bytes) + " bytes)");
    }

    /** The live line: a bar, iteration i of N, the last batch's loss and accuracy, dev accuracy, time and ETA. */
    private String progress(long done, long n, Network.Result last, double dev, double elapsed) {
        nnsh.render.Style st = s.style();
        return nnsh.render.Progress.iter(done, n).loss(last.loss).acc(last.accuracy).dev(dev).elapsed(elapsed)
                .render(st.withWidth(Math.max(nnsh.render.Style.MIN_WIDTH, st.width() - 1)));
    }

    private double devAccuracy(Trainer t) {
        if (s.dev == null || !s.dev.labeled()) return Double.NaN;
        double acc = s.evaluate(s.dev, null).accuracy;
        t.history.setLastDevAccuracy(acc);
        return acc;
    }

    private static long defaultEvery(long n, Trainer t) {
        if (!t.fullBatch() && n >= t.iterationsPerEpoch() * 2L) return t.iterationsPerEpoch();
        // About ten lines: the first round number at least n / 10.
        long[] nice = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
        for (long v : nice) if (v * 10 >= n) return v;
        return Math.max(1, n / 10);
    }
}
