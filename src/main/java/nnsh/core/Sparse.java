package nnsh.core;

/**
 * The two products of a dense layer whose input is sparse data ({@link SparseRows}), with W^T laid out as
 * a table Wt of k rows (one per input) of n units, padded to ldw (whole vectors):
 *
 * <pre>
 *   forward   Z = X W^T        Z[r, u]  = sum over j of x[r, j] Wt[j, u]     (the nonzero x[r, j] only)
 *   gradient  Gt += X^T dZ     Gt[j, u] = sum over r of x[r, j] dZ[r, u]     (Gt is dW^T)
 * </pre>
 *
 * The rows are first sorted by column in blocks of {@link #BLOCK_ROWS} ({@link Blocks}): then for each
 * input j that has ink in the block, its row of Wt (forward) or of Gt (gradient) is held in registers
 * while the block's few nonzeros in that column go past, and the other operand (Z or dZ of 64 rows)
 * stays in L1. A 784-pixel digit with 150 inked pixels costs 150 multiply-adds per unit, not 784.
 *
 * <p>Every element is an in-order chain of fused multiply-adds (over j forward, over r for the gradient),
 * on the Vector API and on plain Java alike: the two give the same bits, whatever the threads, and the
 * same as the dense in-order sum, whose zero terms add nothing.
 */
public final class Sparse {
    private Sparse() {}

    /** Rows per column-sorted block: the block's Z or dZ, 64 columns wide, stays in L1. */
    public static final int BLOCK_ROWS = 64;
    /** Columns per parallel task (a multiple of every vector length). */
    static final int CHUNK = 64;

    /** The width of a Wt table for n units: n rounded up to whole vectors (the kernels read whole vectors). */
    public static int paddedWidth(int n) {
        int l = Backend.simd() ? VecSparse.L : 1;
        return (n + l - 1) / l * l;
    }

    /** Side of the square tiles the transposes walk, so that both sides are read and written a cache line at a time. */
    private static final int T = 32;

    /** Wt[j * ldw + u] = W[u * k + j] for W n x k (units x inputs); the padding columns are zeros. */
    public static void transposeInto(double[] w, int n, int k, double[] wt, int ldw) {
        for (int j0 = 0; j0 < k; j0 += T) {
            int j1 = Math.min(k, j0 + T);
            for (int u0 = 0; u0 < n; u0 += T) {
                int u1 = Math.min(n, u0 + T);
                for (int u = u0; u < u1; u++) {
                    int o = u * k;
                    for (int j = j0; j < j1; j++) wt[j * ldw + u] = w[o + j];
                }
            }
            for (int j = j0; j < j1; j++) {
                for (int u = n; u < ldw; u++) wt[j * ldw + u] = 0.0;
            }
        }
    }

    /** W[u * k + j] = scale * Gt[j * ldg + u]: a gradient table back in the weights' layout, scaled. */
    public static void transposeBack(double[] gt, int k, int n, int ldg, double scale, double[] w) {
        for (int u0 = 0; u0 < n; u0 += T) {
            int u1 = Math.min(n, u0 + T);
            for (int j0 = 0; j0 < k; j0 += T) {
                int j1 = Math.min(k, j0 + T);
                for (int j = j0; j < j1; j++) {
                    int o = j * ldg;
                    for (int u = u0; u < u1; u++) w[u * k + j] = scale * gt[o + u];
                }
            }
        }
    }


    /**
     * Some rows of a {@link SparseRows}, sorted by column in blocks of {@link #BLOCK_ROWS} rows: block b
     * holds rows [b * 64, b * 64 + 64) of the batch; its columns with nonzeros are cols[c] for c in
     * [colFrom[b], colFrom[b + 1]), ascending, and the nonzeros of column c are (row[e], val[e]) for e in
     * [ptr[c], ptr[c + 1]), rows ascending (row within the block). Reused from pass to pass.
     */
    public static final class Blocks {
        int rows, blocks;
        int[] colFrom = new int[1], cols = new int[0], ptr = new int[1];
        byte[] row = new byte[0];
        double[] val = new double[0];
        private int[] count = new int[0];

        public int rows() {
            return rows;
        }

        /** Sorts rows s .. s + rows - 1 of x (row r is x's row index[s + r], or s + r when index is null). */
        public void build(SparseRows x, int[] index, int s, int rows) {
            int k = x.cols;
            int[] start = x.start;
            char[] xcol = x.col;
            double[] xval = x.val;
            this.rows = rows;
            blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
            long nnz = 0;
            for (int r = 0; r < rows; r++) {
                int i = index == null ? s + r : index[s + r];
                nnz += start[i + 1] - start[i];
            }
            if (colFrom.length < blocks + 1) colFrom = new int[blocks + 1];
            if (count.length < k) count = new int[k];
            if (val.length < nnz) {
                val = new double[(int) nnz];
                row = new byte[(int) nnz];
            }
            int maxCols = (int) Math.min((long) blocks * k, nnz) + 1;
            if (cols.length < maxCols) {
                cols = new int[maxCols];
                ptr = new int[maxCols + 1];
            }
            int c = 0, e = 0;
            for (int b = 0; b < blocks; b++) {
                int r0 = b * BLOCK_ROWS, r1 = Math.min(rows, r0 + BLOCK_ROWS);
                java.util.Arrays.fill(count, 0, k, 0);
                for (int r = r0; r < r1; r++) {
                    int i = index == null ? s + r : index[s + r];
                    for (int p = start[i], pe = start[i + 1]; p < pe; p++) count[xcol[p]]++;
                }
                colFrom[b] = c;
                for (int j = 0; j < k; j++) {
                    int n = count[j];
                    if (n == 0) continue;
                    cols[c] = j;
                    ptr[c++] = e;
                    count[j] = e;    // from here on: the next free slot of column j
                    e += n;
                }
                for (int r = r0; r < r1; r++) {
                    int i = index == null ? s + r : index[s + r];
                    for (int p = start[i], pe = start[i + 1]; p < pe; p++) {
                        int slot = count[xcol[p]]++;
                        row[slot] = (byte) (r - r0);
                        val[slot] = xval[p];
                    }
                }
            }
            colFrom[blocks] = c;
            ptr[c] = e;
        }
    }

    /** Widest layer (units) that {@link #productRows} and {@link #addTnRows} take: two vectors. */
    public static int narrowMax() {
        return Backend.simd() ? 2 * VecSparse.L : 16;
    }

    /**
     * Z = X W^T for rows s .. s + rows - 1 of x (row r is x's row index[s + r], or s + r when index is
     * null), n &lt;= {@link #narrowMax} units: Z is rows x n; Wt is k x ldw ({@link #paddedWidth}, and at
     * least 2 vectors when n is over one).
     */
    public static void productRows(SparseRows x, int[] index, int s, int rows, double[] wt, int ldw, int n, double[] z) {
        if (Backend.simd()) {
            VecSparse.productRows(x, index, s, rows, wt, ldw, n, z);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int i = index == null ? s + r : index[s + r], zo = r * n;
            java.util.Arrays.fill(z, zo, zo + n, 0.0);
            for (int p = x.start[i], e = x.start[i + 1]; p < e; p++) {
                double v = x.val[p];
                int wo = x.col[p] * ldw;
                for (int u = 0; u < n; u++) z[zo + u] = Math.fma(v, wt[wo + u], z[zo + u]);
            }
        }
    }

    /** Gt += X^T dZ for the same rows, n &lt;= {@link #narrowMax}: dZ rows x n, Gt k x ldg ({@link #paddedWidth}). */
    public static void addTnRows(SparseRows x, int[] index, int s, int rows, double[] dz, int n, double[] gt, int ldg) {
        if (Backend.simd()) {
            VecSparse.addTnRows(x, index, s, rows, dz, n, gt, ldg);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int i = index == null ? s + r : index[s + r], d = r * n;
            for (int p = x.start[i], e = x.start[i + 1]; p < e; p++) {
                double v = x.val[p];
                int go = x.col[p] * ldg;
                for (int u = 0; u < n; u++) gt[go + u] = Math.fma(v, dz[d + u], gt[go + u]);
            }
        }
    }

    /**
     * Gt += X^T dZ for the rows of xb: dZ is rows x n (row stride n), Gt is k x ldg with ldg =
     * {@link #paddedWidth}(n) (its padding columns stay 0). pad, rows x ldg doubles, is needed when ldg != n.
     */
    public static void addTn(Blocks xb, double[] dz, int n, double[] gt, int ldg, double[] pad, boolean parallel) {
        int rows = xb.rows;
        if (rows <= 0 || n <= 0) return;
        double[] d = dz;
        if (ldg != n) {
            d = pad;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(dz, r * n, pad, r * ldg, n);
                java.util.Arrays.fill(pad, r * ldg + n, (r + 1) * ldg, 0.0);
            }
        }
        double[] dp = d;
        if (!split(ldg, parallel)) {
            addTnColumns(xb, dp, gt, ldg, 0, ldg);
        } else {
            Parallel.forEach(tasks(ldg), t -> addTnColumns(xb, dp, gt, ldg, t * CHUNK, Math.min(ldg, (t + 1) * CHUNK)));
        }
    }

    private static int tasks(int width) {
        return (width + CHUNK - 1) / CHUNK;
    }

    /** Whether a product width columns wide is split into CHUNK-column tasks over the kernel threads. */
    private static boolean split(int width, boolean parallel) {
        return parallel && tasks(width) > 1 && Parallel.maySplit();
    }

    /** Columns [c0, c1) of Gt += X^T dZ (dZ's row stride is ldg too). */
    private static void addTnColumns(Blocks xb, double[] dz, double[] gt, int ldg, int c0, int c1) {
        if (Backend.simd()) VecSparse.addTn(xb, dz, gt, ldg, c0, c1);
        else plainAddTn(xb, dz, ldg, gt, ldg, c0, c1);
    }

    /** Plain: columns [c0, c1) of Gt (row stride ldg), each element an in-order FMA chain over r. */
    static void plainAddTn(Blocks xb, double[] dz, int ldz, double[] gt, int ldg, int c0, int c1) {
        int[] colFrom = xb.colFrom, cols = xb.cols, ptr = xb.ptr;
        byte[] row = xb.row;
        double[] val = xb.val;
        for (int b = 0; b < xb.blocks; b++) {
            int base = b * BLOCK_ROWS;
            for (int c = colFrom[b]; c < colFrom[b + 1]; c++) {
                int go = cols[c] * ldg;
                for (int e = ptr[c], ee = ptr[c + 1]; e < ee; e++) {
                    double v = val[e];
                    int d = (base + row[e]) * ldz;
                    for (int u = c0; u < c1; u++) gt[go + u] = Math.fma(v, dz[d + u], gt[go + u]);
                }
            }
        }
    }
}
