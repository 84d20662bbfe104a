package nnsh.core;

import java.util.function.IntConsumer;

/**
 * A chosen set of a matrix's columns (ascending, kept as runs of consecutive columns), and the copies
 * between a full matrix and its compact form, which keeps only those columns side by side:
 *
 * <pre>
 *   full      rows x ld, element (r, c) at full[r * ld + c]
 *   compact   rows x count, element (r, t) at compact[r * ldc + t] = full (r, column t of the set),
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
    private final int capacity;
    private final int[] cols;
    private final long[] scratch;
    /** Run i is columns runStart[i] .. runStart[i] + runLength[i] - 1. */
    private final int[] runStart, runLength;
    private int count, runs;

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

    /** A set of up to ld columns (of matrices ld wide). */
    public ColumnSubset(int ld) {
        capacity = ld;
        cols = new int[ld];
        scratch = new long[NonzeroColumns.wordsFor(ld)];
        runStart = new int[ld];
        runLength = new int[ld];
    }

    /**
     * Chooses the columns that hold a nonzero in at least one of count rows of nz (rows index[start + i], or
     * start + i when index is null); returns how many.
     */
    public int selectNonzero(NonzeroColumns nz, int[] index, int start, int count) {
        if (nz.cols != capacity) throw new IllegalArgumentException(nz.cols + " columns, expected " + capacity);
        this.count = nz.union(index, start, count, scratch, cols);
        runs = 0;
        for (int t = 0; t < this.count; t++) {
            if (runs > 0 && runStart[runs - 1] + runLength[runs - 1] == cols[t]) {
                runLength[runs - 1]++;
            } else {
                runStart[runs] = cols[t];
                runLength[runs] = 1;
                runs++;
            }
        }
        return this.count;
    }

    /** Columns chosen. */
    public int count() {
        return count;
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
        if (ldc < count) throw new IllegalArgumentException("compact rows of " + ldc + " for " + count + " columns");
        jobSrc = full;
        jobDst = compact;
        jobIndex = index;
        jobStart = start;
        jobRows = rows;
        jobLd = ld;
        jobLdc = ldc;
        run(rows, gatherTask);
    }

    /**
     * full (rows x ld) = alpha * compact (ldc a row) in the chosen columns and 0 in the others; when add,
     * full += alpha * compact in the chosen columns, the others unchanged.
     */
    public void scatter(int rows, double[] compact, int ldc, double alpha, double[] full, int ld, boolean add) {
        if (ldc < count) throw new IllegalArgumentException("compact rows of " + ldc + " for " + count + " columns");
        jobSrc = compact;
        jobDst = full;
        jobRows = rows;
        jobLd = ld;
        jobLdc = ldc;
        jobAlpha = alpha;
        jobAdd = add;
        run(rows, scatterTask);
    }

    private void run(int rows, IntConsumer task) {
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
            int from = (jobIndex == null ? jobStart + r : jobIndex[jobStart + r]) * jobLd, to = r * jobLdc;
            for (int i = 0; i < runs; i++) {
                System.arraycopy(src, from + runStart[i], dst, to, runLength[i]);
                to += runLength[i];
            }
        }
    }

    private void scatterRange(int t) {
        int r0 = t * jobPerTask, r1 = Math.min(jobRows, r0 + jobPerTask);
        double[] src = jobSrc, dst = jobDst;
        double alpha = jobAlpha;
        for (int r = r0; r < r1; r++) {
            int row = r * jobLd, from = r * jobLdc, c = 0;
            for (int i = 0; i < runs; i++) {
                int s = runStart[i], n = runLength[i];
                if (!jobAdd) java.util.Arrays.fill(dst, row + c, row + s, 0.0);
                int d = row + s;
                if (jobAdd) {
                    for (int j = 0; j < n; j++) dst[d + j] += alpha * src[from + j];
                } else {
                    for (int j = 0; j < n; j++) dst[d + j] = alpha * src[from + j];
                }
                from += n;
                c = s + n;
            }
            if (!jobAdd) java.util.Arrays.fill(dst, row + c, row + jobLd, 0.0);
        }
    }
}
