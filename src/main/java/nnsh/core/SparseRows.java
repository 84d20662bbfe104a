package nnsh.core;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * A row-major matrix kept as its nonzero entries only, row by row (compressed sparse rows): the nonzeros
 * of row i are {@code val[p]} at column {@code col[p]} for p in [start[i], start[i + 1]), columns
 * ascending. Handwritten digits are mostly background: 81% of MNIST's pixels are 0, so a product with the
 * images as one side needs a fifth of the multiply-adds and reads a fifth of the memory this way.
 *
 * <p>A product that skips the zero terms of an in-order sum gives the sum exactly: adding x * 0 changes
 * nothing (for finite weights). See {@link Sparse} for the products.
 */
public final class SparseRows {
    /**
     * Densest data (fraction of nonzeros) given a sparse form; above it the dense kernels are as fast or
     * faster. 0 turns the sparse path off (-Dnnsh.sparse.maxDensity=0, or {@link #setMaxDensity}).
     */
    private static double maxDensity = doubleProperty("nnsh.sparse.maxDensity", 0.5);

    public final int rows;
    public final int cols;
    /** Nonzeros of row i: indices [start[i], start[i + 1]) of col and val. */
    final int[] start;
    /** Column of each nonzero (char: up to 65,536 columns, 0 to 65,535). */
    final char[] col;
    final double[] val;

    private SparseRows(int rows, int cols, int[] start, char[] col, double[] val) {
        this.rows = rows;
        this.cols = cols;
        this.start = start;
        this.col = col;
        this.val = val;
    }

    /** The nonzeros of rows x cols values stored row by row from x[0]; null when there are too many to index. */
    public static SparseRows of(double[] x, int rows, int cols) {
        if (cols > Character.MAX_VALUE + 1 || (long) rows * cols > x.length) return null;
        long nnz = 0;
        for (int i = 0, n = rows * cols; i < n; i++) if (x[i] != 0) nnz++;
        if (nnz > Integer.MAX_VALUE - 16) return null;
        int[] start = new int[rows + 1];
        char[] col = new char[(int) nnz];
        double[] val = new double[(int) nnz];
        int p = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = p;
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                double v = x[o + c];
                if (v != 0) {
                    col[p] = (char) c;
                    val[p++] = v;
                }
            }
        }
        start[rows] = p;
        return new SparseRows(rows, cols, start, col, val);
    }

    public int nonzeros() {
        return start[rows];
    }

    /** Fraction of the entries that are not zero. */
    public double density() {
        return rows == 0 || cols == 0 ? 1.0 : (double) nonzeros() / ((double) rows * cols);
    }

    // ------------------------------------------------------------------ the sparse forms of data arrays

    /** What was found for an array taken as rows of cols values: its sparse form, or null (too dense). */
    private record Form(int cols, SparseRows rows) {}

    /** Keyed by the array itself (arrays compare by identity); a data set that is dropped drops its entry. */
    private static final Map<double[], Form> CACHE = new WeakHashMap<>();

    /**
     * The sparse form of the data array x (rows of cols values, as many as fit), made on first use and kept
     * while x is; null when x is denser than {@link #setMaxDensity the limit}. The arrays are taken as
     * unchanging: code that writes into one (the shell's live inspection) calls {@link #forgetAll} afterwards.
     */
    public static synchronized SparseRows cached(double[] x, int cols) {
        if (maxDensity <= 0 || cols <= 0) return null;
        Form f = CACHE.get(x);
        if (f == null || f.cols != cols) {
            SparseRows made = of(x, x.length / cols, cols);
            f = new Form(cols, made != null && made.density() <= maxDensity ? made : null);
            CACHE.put(x, f);
        }
        return f.rows;
    }

    /** Sets the densest data given a sparse form (0: none), for comparisons of the two paths; returns the old limit. */
    public static synchronized double setMaxDensity(double d) {
        double was = maxDensity;
        maxDensity = d;
        forgetAll();
        return was;
    }

    /** Drops every sparse form made so far (the data arrays may have been written to). */
    public static synchronized void forgetAll() {
        CACHE.clear();
    }

    private static double doubleProperty(String name, double dflt) {
        try {
            return Double.parseDouble(System.getProperty(name, Double.toString(dflt)).trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
