package nnsh.data;

import java.util.Arrays;

/**
 * Images and labels. x holds one example per row (n x features), pixels scaled to [0, 1];
 * in the tutorials' convention that is X^T: X itself is features x n.
 */
public final class Dataset {
    public final String name;
    public final double[] x;
    /** Labels 0-9, or null for an unlabeled set (Kaggle's test.csv). */
    public final int[] y;
    public final int n;
    public final int features;
    public final int width;
    public final int height;

    /**
     * What a reader multiplies raw pixels by: 1 / scale. Multiplied, not divided: the sparse form of the
     * data (nnsh.core.SparseRows) keeps pixels that are exactly k * (1/d) as one byte each, and 33 / 255.0
     * is not 33 * (1 / 255.0). Divided pixels would still train right, reading six times the memory.
     */
    public static double pixelFactor(double scale) {
        return 1.0 / scale;
    }

    public Dataset(String name, double[] x, int[] y, int n, int width, int height) {
        this.name = name;
        this.x = x;
        this.y = y;
        this.n = n;
        this.width = width;
        this.height = height;
        this.features = width * height;
        if (x.length != (long) n * features) throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + " x " + features);
        if (y != null && y.length != n) throw new IllegalArgumentException("y has " + y.length + " labels, expected " + n);
    }

    public boolean labeled() {
        return y != null;
    }

    /** The examples at the given rows, in that order. */
    public Dataset rows(int[] rows, String newName) {
        double[] nx = new double[rows.length * features];
        int[] ny = y == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * features, nx, i * features, features);
            if (ny != null) ny[i] = y[rows[i]];
        }
        return new Dataset(newName, nx, ny, rows.length, width, height);
    }

    /** Rows [from, to). */
    public Dataset range(int from, int to, String newName) {
        return new Dataset(newName, Arrays.copyOfRange(x, from * features, to * features),
                y == null ? null : Arrays.copyOfRange(y, from, to), to - from, width, height);
    }

    public int label(int i) {
        return y == null ? -1 : y[i];
    }

    /**
     * The largest label + 1 (a network needs that many outputs), 0 for an unlabeled set. Counted when
     * asked: y is handed out live to java snippets, which may change it.
     */
    public int classes() {
        int most = -1;
        if (y != null) for (int v : y) most = Math.max(most, v);
        return most + 1;
    }

    /** How many examples of each digit. */
    public int[] classCounts(int classes) {
        int[] c = new int[classes];
        if (y != null) for (int v : y) if (v >= 0 && v < classes) c[v]++;
        return c;
    }

    /** "28x28" */
    public String shape() {
        return width + "x" + height;
    }
}
