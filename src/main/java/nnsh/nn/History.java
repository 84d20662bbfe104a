package nnsh.nn;

import java.util.Arrays;

/** What training has seen, one record per iteration: loss and accuracy on the batch, dev accuracy when measured. */
public final class History {
    private long[] iteration = new long[64];
    private double[] loss = new double[64];
    private double[] accuracy = new double[64];
    private double[] devAccuracy = new double[64];
    private int size;

    public void add(long iter, double batchLoss, double batchAccuracy, double devAcc) {
        if (size == iteration.length) {
            int n = size * 2;
            iteration = Arrays.copyOf(iteration, n);
            loss = Arrays.copyOf(loss, n);
            accuracy = Arrays.copyOf(accuracy, n);
            devAccuracy = Arrays.copyOf(devAccuracy, n);
        }
        iteration[size] = iter;
        loss[size] = batchLoss;
        accuracy[size] = batchAccuracy;
        devAccuracy[size] = devAcc;
        size++;
    }

    /** Records the dev accuracy measured after the last iteration. */
    public void setLastDevAccuracy(double acc) {
        if (size > 0) devAccuracy[size - 1] = acc;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public long[] iterations() {
        return Arrays.copyOf(iteration, size);
    }

    public double[] losses() {
        return Arrays.copyOf(loss, size);
    }

    public double[] accuracies() {
        return Arrays.copyOf(accuracy, size);
    }

    /** Dev accuracy per iteration, NaN where it was not measured. */
    public double[] devAccuracies() {
        return Arrays.copyOf(devAccuracy, size);
    }

    /** "History: 20 iterations (1 to 20), loss 2.3026 -> 1.9120, accuracy 0.4170". */
    @Override
    public String toString() {
        if (size == 0) return "History: no iterations yet";
        return String.format(java.util.Locale.ROOT, "History: %d iteration%s (%d to %d), loss %.4f -> %.4f, accuracy %.4f%s",
                size, size == 1 ? "" : "s", iteration[0], iteration[size - 1], loss[0], loss[size - 1], accuracy[size - 1],
                Double.isNaN(devAccuracy[size - 1]) ? "" : String.format(java.util.Locale.ROOT, ", dev %.4f", devAccuracy[size - 1]));
    }

    public double lastLoss() {
        return size == 0 ? Double.NaN : loss[size - 1];
    }
}
