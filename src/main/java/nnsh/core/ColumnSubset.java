package nnsh.core;

import java.util.function.IntConsumer;

/**
 * A chosen set of a matrix's columns (in a fixed order, kept as runs of consecutive columns), and the copies
 * between a full matrix and its compact form, which keeps only those columns side by side:
 *
 * <pre>
 *   full      rows x ld, element (r, c) at full[r * ld + c]
 *   compact   rows x count, element (r, t) at compact[r * ldc + t] = full (r, the t-th column of the set),
 *             ldc &gt;= count (columns count .. ldc - 1 are the caller's: a network keeps its bias there)
 * </pre>
 *
 * A product over columns that are zero in every row loses nothing by skipping them: Z = X W^T summed
 * over the nonzero columns of X alone is the same sum without its zero terms, and the weight gradient
 * dZ^T X is exactly 0 in the others. Copies of many rows are split over the kernel threads in row
 * ranges; each element is copied alone, so the results do not depend on the thread count. Made once per
 * workspace, sized for ld columns; a copy allocates nothing.
 */
public final class ColumnSubset {
    /** The order the chosen columns are listed in: a permutation of 0 .. ld - 1. */
    private final int[] order;
    private final int[] cols;
    private final long[] scratch;
    /** Run i is columns runStart[i] .. runStart[i] + runLength[i] - 1 (the chosen columns, in their order). */
    private final int[] runStart, runLength;
    /** Gap i is columns gapStart[i] .. + gapLength[i] - 1: the columns not chosen, ascending. */
    private final int[] gapStart, gapLength;
    private int count, runs, gaps;
    /**
     * Runs shorter than 8 columns on average (4 x 4 patches): the copies then go column by column through cols
     * instead of run by run. Set with the columns.
     */
    private boolean shortRuns;

    /** Rows per task of a split copy. */
    private static final int ROWS_PER_TASK = 64;
    /** Copies of fewer elements run on the calling thread. */
    private static final int SPLIT_MIN = 1 << 15;

    // The copy in progress, read by its row-range tasks.
    private double[] jobSrc, jobDst;
    private int[] jobIndex;
    private int jobStart, jobRows, jobLd, jobLdc, jobPerTask;
    private double jobAlpha;
    private boolean jobAdd;
    private final IntConsumer gatherTask = this::gatherRange;
    private final IntConsumer scatterTask = this::scatterRange;

    /** A set of up to ld columns (of matrices ld wide), listed in ascending order. */
    public ColumnSubset(int ld) {
        this(ld, identity(ld));
    }

    /**
     * A set of up to ld columns, listed in the given order (a permutation of 0 .. ld - 1), as in
     * {@link #patchOrder}.
     */
    public ColumnSubset(int ld, int[] order) {
        if (order.length != ld) throw new IllegalArgumentException("an order of " + order.length + " columns for " + ld);
        boolean[] seen = new boolean[ld];
        for (int c : order) {
            if (c < 0 || c >= ld || seen[c]) throw new IllegalArgumentException("not a permutation of 0.." + (ld - 1));
            seen[c] = true;
        }
        this.order = order.clone();
        cols = new int[ld];
        scratch = new long[NonzeroColumns.wordsFor(ld)];
        runStart = new int[ld];
        runLength = new int[ld];
        gapStart = new int[ld + 1];
        gapLength = new int[ld + 1];
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    /**
     * The pixels of side x side images (stored row by row) patch by patch: the patches of patch x patch pixels
     * in row-major order, each patch's pixels row by row (the last patches of a row or column cut short).
     * Sixteen consecutive columns of a compact product are then one 4 x 4 patch instead of a strip of a pixel
     * row: a digit leaves more of them blank (on MNIST batches, 53% of such steps hold ink against 71%).
     */
    public static int[] patchOrder(int side, int patch) {
        int[] o = new int[side * side];
        int n = 0;
        for (int pr = 0; pr < side; pr += patch) {
            for (int pc = 0; pc < side; pc += patch) {
                for (int r = pr; r < Math.min(side, pr + patch); r++) {
                    for (int c = pc; c < Math.min(side, pc + patch); c++) o[n++] = r * side + c;
                }
            }
        }
        return o;
    }

    /**
     * Chooses the columns that hold a nonzero in at least one of count rows of nz (rows index[start + i], or
     * start + i when index is null), listed in this set's order; returns how many.
     */
    public int selectNonzero(NonzeroColumns nz, int[] index, int start, int count) {
        if (nz.cols != order.length) throw new IllegalArgumentException(nz.cols + " columns, expected " + order.length);
        nz.unionBits(index, start, count, scratch);
        int n = 0;
        for (int c : order) if ((scratch[c >>> 6] & (1L << c)) != 0) cols[n++] = c;
        this.count = n;
        runs = 0;
        for (int t = 0; t < n; t++) {
            if (runs > 0 && runStart[runs - 1] + runLength[runs - 1] == cols[t]) {
                runLength[runs - 1]++;
            } else {
                runStart[runs] = cols[t];
                runLength[runs] = 1;
                runs++;
            }
        }
        shortRuns = runs * 8 > n;
        gaps = 0;
        for (int c = 0; c < order.length; c++) {
            if ((scratch[c >>> 6] & (1L << c)) != 0) continue;
            if (gaps > 0 && gapStart[gaps - 1] + gapLength[gaps - 1] == c) {
                gapLength[gaps - 1]++;
            } else {
                gapStart[gaps] = c;
                gapLength[gaps] = 1;
                gaps++;
            }
        }
        return n;
    }

    /** The t-th column chosen. */
    public int column(int t) {
        return cols[t];
    }

    /**
     * compact (rows x count, ldc a row) = the chosen columns of rows of full (ld a row): row r from full's
     * row index[start + r], or start + r when index is null.
     */
    public void gather(int rows, double[] full, int ld, int[] index, int start, double[] compact, int ldc) {
        jobIndex = index;
        jobStart = start;
        run(gatherTask, rows, full, compact, ld, ldc);
    }

    /**
     * full (rows x ld) = alpha * compact (ldc a row) in the chosen columns and 0 in the others; when add,
     * full += alpha * compact in the chosen columns, the others unchanged.
     */
    public void scatter(int rows, double[] compact, int ldc, double alpha, double[] full, int ld, boolean add) {
        jobAlpha = alpha;
        jobAdd = add;
        run(scatterTask, rows, compact, full, ld, ldc);
    }

    /** Runs a copy from src to dst over row ranges (full rows ld long, compact ones ldc). */
    private void run(IntConsumer task, int rows, double[] src, double[] dst, int ld, int ldc) {
        if (ldc < count) throw new IllegalArgumentException("compact rows of " + ldc + " for " + count + " columns");
        jobSrc = src;
        jobDst = dst;
        jobRows = rows;
        jobLd = ld;
        jobLdc = ldc;
        try {
            jobPerTask = (long) rows * count < SPLIT_MIN ? Math.max(1, rows) : ROWS_PER_TASK;
            Parallel.forEach((rows + jobPerTask - 1) / jobPerTask, task);
        } finally {
            jobSrc = null;
            jobDst = null;
            jobIndex = null;
        }
    }

    private void gatherRange(int t) {
        int r0 = t * jobPerTask, r1 = Math.min(jobRows, r0 + jobPerTask);
        double[] src = jobSrc, dst = jobDst;
        for (int r = r0; r < r1; r++) {
            int from = Sparse.row(jobIndex, jobStart, r) * jobLd, to = r * jobLdc;
            if (shortRuns) {
                int[] c = cols;
                for (int j = 0, n = count; j < n; j++) dst[to + j] = src[from + c[j]];
                continue;
            }
            for (int i = 0; i < runs; i++) {
                System.arraycopy(src, from + runStart[i], dst, to, runLength[i]);
                to += runLength[i];
            }
        }
    }

    private void scatterRange(int t) {
        int r0 = t * jobPerTask, r1 = Math.min(jobRows, r0 + jobPerTask);
        for (int r = r0; r < r1; r++) {
            int row = r * jobLd, from = r * jobLdc;
            if (shortRuns) {
                scatterColumns(from, row);
            } else {
                for (int i = 0; i < runs; i++) {
                    scatterRun(from, row + runStart[i], runLength[i]);
                    from += runLength[i];
                }
            }
            if (!jobAdd) {
                for (int i = 0; i < gaps; i++) java.util.Arrays.fill(jobDst, row + gapStart[i], row + gapStart[i] + gapLength[i], 0.0);
            }
        }
    }

    /** dst[row + cols[j]] (+)= alpha * src[from + j] for every column chosen. */
    private void scatterColumns(int from, int row) {
        double[] src = jobSrc, dst = jobDst;
        double alpha = jobAlpha;
        int[] c = cols;
        if (jobAdd) {
            for (int j = 0, n = count; j < n; j++) dst[row + c[j]] += alpha * src[from + j];
        } else {
            for (int j = 0, n = count; j < n; j++) dst[row + c[j]] = alpha * src[from + j];
        }
    }

    /** dst[d ..  d + n) (+)= alpha * src[from .. from + n). */
    private void scatterRun(int from, int d, int n) {
        double[] src = jobSrc, dst = jobDst;
        double alpha = jobAlpha;
        if (jobAdd) {
            for (int j = 0; j < n; j++) dst[d + j] += alpha * src[from + j];
        } else {
            for (int j = 0; j < n; j++) dst[d + j] = alpha * src[from + j];
        }
    }
}
