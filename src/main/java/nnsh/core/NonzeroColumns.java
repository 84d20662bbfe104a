package nnsh.core;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which columns of a row-major matrix hold a nonzero, row by row: one bit a column (row i's bits are
 * words [i * words, (i + 1) * words) of {@link #bits}; column c is bit c % 64 of word c / 64). NaN counts as
 * nonzero (NaN != 0). From it, {@link #unionBits} finds the columns that are zero in every row of a batch: on MNIST a
 * batch of 1,024 digits has ink in 593 to 632 of its 784 pixels (611 on average; the border is blank in
 * all of them), so the products of the first layer can skip the rest (see {@link ColumnSubset}).
 */
public final class NonzeroColumns {
    public final int cols;
    /** Longs a row. */
    final int words;
    final long[] bits;

    private NonzeroColumns(int cols, long[] bits) {
        this.cols = cols;
        this.words = wordsFor(cols);
        this.bits = bits;
    }

    static int wordsFor(int cols) {
        return (cols + 63) >>> 6;
    }

    /** The nonzero columns of rows x cols values stored row by row from x[0]. */
    public static NonzeroColumns of(double[] x, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > x.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " values do not fit in " + x.length);
        }
        int words = wordsFor(cols);
        long[] bits = new long[rows * words];
        for (int r = 0; r < rows; r++) {
            int o = r * cols, w0 = r * words;
            for (int c = 0; c < cols; c++) {
                if (x[o + c] != 0) bits[w0 + (c >>> 6)] |= 1L << c;
            }
        }
        return new NonzeroColumns(cols, bits);
    }

    /**
     * The union of the masks of count rows (rows index[start + i], or start + i when index is null) into
     * bits[0 .. words): column c is bit c % 64 of word c / 64.
     */
    public void unionBits(int[] index, int start, int count, long[] bits) {
        java.util.Arrays.fill(bits, 0, words, 0L);
        for (int i = 0; i < count; i++) {
            int w0 = Sparse.row(index, start, i) * words;
            for (int w = 0; w < words; w++) bits[w] |= this.bits[w0 + w];
        }
    }

    /** Nonzero values in row r. */
    public int count(int r) {
        int n = 0;
        for (int w = r * words, e = w + words; w < e; w++) n += Long.bitCount(bits[w]);
        return n;
    }

    // ------------------------------------------------------------------ the column masks of data arrays

    /** Keyed by the array itself (arrays compare by identity); a data set that is dropped drops its entry. */
    private static final Map<double[], NonzeroColumns> CACHE = new WeakHashMap<>();

    /**
     * The nonzero columns of the data array x (rows of cols values, as many as fit), made on first use
     * (about 0.1 s for MNIST's 60,000 rows) and kept while x is. The arrays are taken as unchanging: code
     * that writes into one (the shell's live inspection) calls {@link DataForms#forgetAll} afterwards.
     */
    public static synchronized NonzeroColumns cached(double[] x, int cols) {
        NonzeroColumns f = CACHE.get(x);
        if (f == null || f.cols != cols) {
            f = of(x, x.length / cols, cols);
            CACHE.put(x, f);
        }
        return f;
    }

    /** Drops every mask made so far (the data arrays may have been written to). */
    static synchronized void forgetAll() {
        CACHE.clear();
    }
}
