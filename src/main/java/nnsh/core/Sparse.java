package nnsh.core;

/**
 * The two products of a narrow dense layer (at most two vectors of units: 784-10-10's first layer) whose
 * input is sparse data ({@link SparseRows}), with W^T laid out as a table Wt of k rows (one per input) of
 * n units, padded to ldw (whole vectors):
 *
 * <pre>
 *   forward   Z = X W^T        Z[r, u]  = sum over j of x[r, j] Wt[j, u]     (the nonzero x[r, j] only)
 *   gradient  Gt += X^T dZ     Gt[j, u] = sum over r of x[r, j] dZ[r, u]     (Gt is dW^T)
 * </pre>
 *
 * A 784-pixel digit with 150 inked pixels costs 150 row reads of Wt and 150 row updates of Gt, not 784.
 * The rows of a block are x's rows index[s + r] (or s + r when index is null): a shuffled batch is read in
 * place. The gradient and the plain path's forward are in-order chains of fused multiply-adds, which equal
 * the dense in-order sums (their zero terms add nothing); the Vector API forward keeps four partial sums
 * per unit (see {@link VecSparse}), so the two paths agree to rounding. No order depends on the threads.
 */
public final class Sparse {
    private Sparse() {}

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
}
