package nnsh.nn;

import nnsh.core.Rng;

/**
 * The training state: which examples the next iteration uses, how many iterations and epochs have
 * run, and the optimizer. One iteration = one gradient step on one batch.
 *
 * <p>Full batch (batch size 0, or not smaller than m): every iteration uses all m examples in order,
 * and an epoch is one iteration. Mini-batches: each epoch walks a permutation of the examples drawn
 * from the seed and the epoch number alone, so a saved session resumes on the very same batches.
 */
public final class Trainer {
    public final Network net;
    public Optimizer optimizer;
    public final History history = new History();
    private final long seed;

    private double[] x;
    private int[] labels;
    private int m;

    /** 0 = full batch. */
    private int batchSize;
    private long iteration;
    private long epoch;
    private int cursor;
    private int[] perm;
    /** Set by {@link #setPosition}: the cursor came from a saved model and must survive the first setData. */
    private boolean restoredCursor;

    /** The batch the last iteration used: rows lastIndex[lastStart ..) or lastStart.. when lastIndex is null. */
    private int[] lastIndex;
    private int lastStart, lastCount;

    public Trainer(Network net, Optimizer optimizer, long seed) {
        this.net = net;
        this.optimizer = optimizer;
        this.seed = seed;
    }

    /** The examples to train on: m rows of x (m x inputs), with labels. */
    public void setData(double[] x, int[] labels, int m) {
        if (this.x != x || this.m != m) {
            perm = null;
            if (restoredCursor && x != null) {
                restoredCursor = false;
                if (cursor >= m) cursor = 0;
            } else if (!restoredCursor) {
                cursor = 0;
            }
        }
        this.x = x;
        this.labels = labels;
        this.m = m;
    }

    public void setBatchSize(int batch) {
        if (batch != batchSize) {
            batchSize = batch;
            cursor = 0;
            perm = null;
        }
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean fullBatch() {
        return batchSize <= 0 || batchSize >= m;
    }

    public int examples() {
        return m;
    }

    /** Iterations in one pass over the training examples. */
    public int iterationsPerEpoch() {
        return fullBatch() ? 1 : (m + batchSize - 1) / batchSize;
    }

    public long iteration() {
        return iteration;
    }

    public long epoch() {
        return epoch;
    }

    public int cursor() {
        return cursor;
    }

    public long seed() {
        return seed;
    }

    /**
     * Restores the position, as read from a saved model. Call after {@link #setBatchSize}; the cursor
     * is kept through the next {@link #setData} with data (the training set the model is resumed on);
     * examples is the number of training examples the position refers to, until data is set.
     */
    public void setPosition(long iteration, long epoch, int cursor, int examples) {
        this.m = examples;
        this.iteration = iteration;
        this.epoch = epoch;
        this.cursor = cursor;
        this.perm = null;
        this.restoredCursor = true;
    }

    /**
     * Thrown when an iteration meets a loss or gradient that is not finite, or an update that would
     * make a parameter or optimizer moment non-finite; no update was made.
     */
    public static final class NonFiniteException extends RuntimeException {
        public final long iteration;

        NonFiniteException(long iteration, String what) {
            super(what);
            this.iteration = iteration;
        }
    }

    /**
     * One iteration: gradient on the next batch, then an update. Returns loss and accuracy on that
     * batch, measured before the update.
     */
    public Network.Result step(Workers workers) {
        if (x == null) throw new IllegalStateException("no training data");
        if (fullBatch()) {
            lastIndex = null;
            lastStart = 0;
            lastCount = m;
        } else {
            if (perm == null) perm = permutation(epoch);
            lastIndex = perm;
            lastStart = cursor;
            lastCount = Math.min(batchSize, m - cursor);
        }
        Network.Result r = net.gradient(x, labels, lastIndex, lastStart, lastCount, workers);
        if (!Double.isFinite(r.loss)) {
            throw new NonFiniteException(iteration + 1, "the loss became " + r.loss + " at iteration " + (iteration + 1));
        }
        // The dry run refuses an update that would make anything non-finite, before anything changes,
        // so the parameters stay the last finite ones. A non-finite gradient always makes a non-finite
        // update, so the gradients are scanned only to word the message.
        if (!optimizer.stepIsFinite(net.layers())) {
            for (Dense d : net.layers()) {
                if (!finite(d.dw) || !finite(d.db)) {
                    throw new NonFiniteException(iteration + 1, "a gradient became non-finite at iteration " + (iteration + 1));
                }
            }
            throw new NonFiniteException(iteration + 1, "the update at iteration " + (iteration + 1)
                    + " would make a parameter non-finite (lr " + Optimizer.fmt(optimizer.lr) + " is too large for gradients this size)");
        }
        optimizer.step(net.layers());
        iteration++;
        if (fullBatch()) {
            epoch++;
        } else {
            cursor += lastCount;
            if (cursor >= m) {
                cursor = 0;
                epoch++;
                perm = null;
            }
        }
        history.add(iteration, r.loss, r.accuracy, Double.NaN);
        return r;
    }

    /** Loss and accuracy of the current parameters on the batch the last iteration used. */
    public Network.Result evaluateLastBatch(Workers workers) {
        if (lastCount == 0) throw new IllegalStateException("no iteration yet");
        return net.evaluate(x, labels, lastIndex, lastStart, lastCount, workers, null, null);
    }

    public int lastBatchSize() {
        return lastCount;
    }

    private static boolean finite(double[] a) {
        double s = 0;
        for (double v : a) s += v * 0.0;
        return s == 0.0;
    }

    /**
     * The order of the examples in epoch e: a function of the seed and e only. Called when perm is null;
     * reuses the array of the previous order (lastIndex, if any) when its size fits.
     */
    int[] permutation(long e) {
        int[] p = lastIndex != null && lastIndex.length == m ? lastIndex : new int[m];
        for (int i = 0; i < m; i++) p[i] = i;
        new Rng(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (e + 1)).shuffle(p);
        return p;
    }
}
