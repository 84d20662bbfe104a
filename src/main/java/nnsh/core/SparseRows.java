package nnsh.core;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * A row-major matrix kept as the blocks of {@link #width} consecutive columns that hold a nonzero, row by
 * row (block-sparse rows): row i's blocks are entries p in [start[i], start[i + 1]), block {@code blk[p]}
 * (columns blk[p] * width ..), blocks ascending. A block is one vector of the SIMD kernels, so a product
 * over it is a few whole-vector FMAs, where one over single nonzeros pays an index, a broadcast and a
 * bounds check per number. Handwritten digits are mostly background: 81% of MNIST's pixels are 0, and 61%
 * of its blocks of 8 pixels.
 *
 * <p>The values of a block are kept in one of two ways. When every value is k * s for a whole k in 0 ..
 * 255 and one scale s = 1 / d (as the data readers scale pixels: MNIST d = 255, the 8x8 digits d = 16,
 * raw bytes d = 1), as one byte per value ({@link #code}, k - 128), turned back into the same doubles by the
 * products as they read each block ({@link Sparse}): the training set is then read in 10 bytes a block instead of
 * 66 (16 MB an iteration of W1, 784-10-10 on 41,000 images, instead of 101 MB as doubles; the earlier form
 * of single nonzeros took 62 MB). Otherwise as the doubles themselves ({@link #val}).
 *
 * <p>A product that skips zero blocks of an in-order sum gives the sum exactly: adding x * 0 changes
 * nothing (for finite weights). See {@link Sparse} for the products.
 */
public final class SparseRows {
    /**
     * Densest data (fraction of nonzero blocks) given a sparse form; above it the dense kernels are as fast or
     * faster. 0 turns the sparse path off (-Dnnsh.sparse.maxDensity=0, or {@link #setMaxDensity}).
     */
    private static double maxDensity = doubleProperty("nnsh.sparse.maxDensity", 0.5);

    public final int rows;
    public final int cols;
    /** Columns per block: the kernels' vector length ({@link Sparse#blockWidth}). */
    public final int width;
    /** Blocks of row i: entries [start[i], start[i + 1]) of blk and of the values. */
    final int[] start;
    /** Block of each entry (char: up to 65,536 blocks a row). */
    final char[] blk;
    /** Values as codes: entry p's are code[p * width ..], each k - 128 for the value k * scale; or null. */
    final byte[] code;
    final double scale;
    /** Values as doubles, entry p's at val[Sparse.ALIGN + p * width ..] (a vector on a cache line), when code is null. */
    final double[] val;
    private final long nonzeros;
    /** Bytes after the last code: a load of 8 codes at the last entry stays inside the array. */
    static final int CODE_PADDING = 8;

    private SparseRows(int rows, int cols, int width, int[] start, char[] blk, byte[] code, double scale,
                       double[] val, long nonzeros) {
        this.rows = rows;
        this.cols = cols;
        this.width = width;
        this.start = start;
        this.blk = blk;
        this.code = code;
        this.scale = scale;
        this.val = val;
        this.nonzeros = nonzeros;
    }

    /** The nonzero blocks of rows x cols values stored row by row from x[0]; null when there are too many to index. */
    public static SparseRows of(double[] x, int rows, int cols) {
        int width = Sparse.blockWidth();
        int blocksPerRow = (cols + width - 1) / width;
        if (blocksPerRow > Character.MAX_VALUE + 1 || (long) rows * cols > x.length) return null;
        long entries = 0, nonzeros = 0;
        double smallest = Double.POSITIVE_INFINITY;
        boolean coded = true;
        for (int r = 0; r < rows; r++) {
            for (int b = 0, o = r * cols; b < blocksPerRow; b++) {
                boolean any = false;
                for (int c = b * width, e = Math.min(cols, c + width); c < e; c++) {
                    double v = x[o + c];
                    if (v == 0) continue;
                    any = true;
                    nonzeros++;
                    if (v > 0 && v < smallest) smallest = v;
                    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) coded = false;     // negative, infinite or NaN
                }
                if (any) entries++;
            }
        }
        if (entries * width > Integer.MAX_VALUE - 16) return null;
        double scale = coded ? scaleOf(x, rows * cols, smallest) : 0;
        coded = scale > 0;
        int[] start = new int[rows + 1];
        char[] blk = new char[(int) entries];
        byte[] code = coded ? new byte[(int) entries * width + CODE_PADDING] : null;
        double[] val = coded ? null : new double[Sparse.ALIGN + (int) entries * width];
        int p = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = p;
            for (int b = 0, o = r * cols; b < blocksPerRow; b++) {
                int c0 = b * width, c1 = Math.min(cols, c0 + width);
                boolean any = false;
                for (int c = c0; c < c1 && !any; c++) any = x[o + c] != 0;
                if (!any) continue;
                blk[p] = (char) b;
                for (int c = c0; c < c0 + width; c++) {
                    int q = p * width + c - c0;
                    // A last block past cols gets zeros in its missing columns (code -128 is k = 0).
                    if (coded) code[q] = (byte) ((c < c1 ? (int) Math.rint(x[o + c] / scale) : 0) - 128);
                    else if (c < c1) val[Sparse.ALIGN + q] = x[o + c];
                }
                p++;
            }
        }
        start[rows] = p;
        return new SparseRows(rows, cols, width, start, blk, code, scale, val, nonzeros);
    }

    /**
     * The scale s = 1 / d (d whole) with every value of x[0 .. n) equal to k * s for a whole k in 1 .. 255,
     * or 0 when there is none. The smallest value is j * s for some j: 1 for the usual scalings (bytes / 255,
     * / 16, raw bytes), tried first; each candidate is checked on every value, bit for bit.
     */
    private static double scaleOf(double[] x, int n, double smallest) {
        if (smallest == Double.POSITIVE_INFINITY) return 1;    // no nonzero values
        for (int j = 1; j <= 255; j++) {
            double d = Math.rint(j / smallest);
            if (d >= 1 && d <= 1 << 20 && fitsCodes(x, n, 1 / d)) return 1 / d;
        }
        return 0;
    }

    /** Whether every value of x[0 .. n) is 0 or k * s for a whole k in 1 .. 255. */
    private static boolean fitsCodes(double[] x, int n, double s) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v == 0) continue;
            double k = Math.rint(v / s);
            if (!(k >= 1 && k <= 255) || k * s != v) return false;
        }
        return true;
    }

    /** Blocks kept (entries). */
    public int blocks() {
        return start[rows];
    }

    public long nonzeros() {
        return nonzeros;
    }

    /** Whether the values are kept as one-byte codes (see the class comment). */
    public boolean coded() {
        return code != null;
    }

    /** Fraction of the blocks that hold a nonzero. */
    public double density() {
        long all = (long) rows * ((cols + width - 1) / width);
        return all == 0 ? 1.0 : (double) blocks() / all;
    }

    // ------------------------------------------------------------------ the sparse forms of data arrays

    /** What was found for an array taken as rows of cols values: its sparse form, or null (too dense). */
    private record Form(int cols, SparseRows rows) {}

    /** Keyed by the array itself (arrays compare by identity); a data set that is dropped drops its entry. */
    private static final Map<double[], Form> CACHE = new WeakHashMap<>();

    /**
     * The sparse form of the data array x (rows of cols values, as many as fit), made on first use and kept
     * while x is; null when x is denser than {@link #setMaxDensity the limit}. The arrays are taken as
     * unchanging: code that writes into one (the shell's live inspection) calls {@link DataForms#forgetAll} afterwards.
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
    static synchronized void forgetAll() {
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
