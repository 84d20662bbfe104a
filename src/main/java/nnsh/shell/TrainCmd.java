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
                "  train                          one epoch (100 iterations with full batches)"})
public final class TrainCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "iterations to run")
    Integer iterations;

    @Option(names = "--epochs", paramLabel = "E", description = "run E passes over the training images instead")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "batch size for this and later runs (a number, or 'full')")
    String batch;

    @Option(names = "--every", paramLabel = "K", description = "print a progress line every K iterations")
    Integer every;

    @Option(names = {"-q", "--quiet"}, description = "print only the summary")
    boolean quiet;

    public TrainCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        if (batch != null) {
            if (batch.equalsIgnoreCase("full")) s.batch = 0;
            else {
                try {
                    s.batch = Integer.parseInt(batch);
                } catch (NumberFormatException e) {
                    throw new UserError("--batch " + batch + ": expected a whole number or 'full'");
                }
                if (s.batch < 1) throw new UserError("--batch " + batch + ": expected at least 1, or 'full'");
            }
        }
        Trainer t = s.readyTrainer();
        if (iterations != null && epochs != null) throw new UserError("give either N iterations or --epochs E, not both");
        long n;
        if (epochs != null) {
            if (epochs < 1) throw new UserError("--epochs " + epochs + ": expected at least 1");
            n = (long) epochs * t.iterationsPerEpoch();
        } else if (iterations != null) {
            if (iterations < 1) throw new UserError("train " + iterations + ": expected at least 1 iteration");
            n = iterations;
        } else {
            n = t.fullBatch() ? 100 : t.iterationsPerEpoch();
        }
        long k = every != null ? every : defaultEvery(n, t);
        if (k < 1) throw new UserError("--every " + k + ": expected at least 1");
        out().println("training " + Fmt.count(n) + " iterations: " + (t.fullBatch() ? "full batch of " + Fmt.count(t.examples())
                : "batches of " + Fmt.count(t.batchSize()) + " (" + Fmt.count(t.iterationsPerEpoch()) + " per epoch)")
                + ", " + t.optimizer.describe() + ", " + s.threads() + " thread" + (s.threads() == 1 ? "" : "s")
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
                    out().println(String.format("iter %6d  epoch %3d  loss %s  acc %s%s  %s",
                            t.iteration(), t.epoch(), Fmt.f4(lossSum / since), Fmt.f4(accSum / since),
                            Double.isNaN(dev) ? "" : "  dev " + Fmt.f4(dev), Fmt.seconds(el)));
                    out().flush();
                    lossSum = 0;
                    accSum = 0;
                    since = 0;
                }
                long now = System.nanoTime();
                if (s.live && (now - lastStatus > 100_000_000L || done + 1 == n)) {
                    lastStatus = now;
                    s.status(progress(t, done + 1, n, last, dev, (now - start) / 1e9));
                }
            }
        } catch (Trainer.NonFiniteException e) {
            stopped = e.getMessage();
        }
        s.clearStatus();
        double el = (System.nanoTime() - start) / 1e9;
        String perIter = done > 0 ? " (" + Fmt.seconds(el / done) + "/iteration)" : "";
        if (stopped != null && !stopped.equals("interrupted")) {
            out().println("stopped: " + stopped + "; no update was made from it, so the parameters are those after iteration "
                    + t.iteration() + ".");
            throw new UserError("training stopped at a non-finite loss after " + done + " iterations; try a smaller learning rate (lr is "
                    + Fmt.g(t.optimizer.lr) + ")");
        }
        out().println((stopped != null ? "interrupted after " : "done: ") + Fmt.count(done) + " iterations in " + Fmt.seconds(el) + perIter
                + "; now at iteration " + t.iteration() + ", epoch " + t.epoch());
    }

    /** The live line: iteration of N with a bar, epoch, the last batch's loss and accuracy, dev, time and ETA. */
    private String progress(Trainer t, long done, long n, Network.Result last, double dev, double elapsed) {
        int width = 20;
        int filled = (int) (width * done / n);
        String bar = s.unicode ? "\u2588".repeat(filled) + "\u2591".repeat(width - filled) : "#".repeat(filled) + ".".repeat(width - filled);
        double eta = done > 0 ? elapsed / done * (n - done) : Double.NaN;
        return String.format("%s %s/%s  epoch %d  loss %s  acc %s%s  %s, ETA %s", bar, Fmt.count(done), Fmt.count(n),
                t.epoch(), Fmt.f4(last.loss), Fmt.f4(last.accuracy), Double.isNaN(dev) ? "" : "  dev " + Fmt.f4(dev),
                Fmt.seconds(elapsed), done == n ? "0s" : Fmt.seconds(eta));
    }

    private double devAccuracy(Trainer t) {
        if (s.dev == null || !s.dev.labeled()) return Double.NaN;
        double acc = s.net.evaluate(s.dev.x, s.dev.y, null, 0, s.dev.n, s.workers(), null, null).accuracy;
        t.history.setLastDevAccuracy(acc);
        return acc;
    }

    private static long defaultEvery(long n, Trainer t) {
        if (!t.fullBatch() && n >= t.iterationsPerEpoch() * 2L) return t.iterationsPerEpoch();
        long target = Math.max(1, n / 10);
        long[] nice = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
        long best = 1;
        for (long v : nice) if (v <= target) best = v;
        return best;
    }
}
