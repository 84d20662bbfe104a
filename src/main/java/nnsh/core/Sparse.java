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
 * place. The gradient and the plain path's forward are in-order chains of fused multiply-adds (their
 * zero terms would add nothing); the Vector API forward keeps four partial sums per unit (see
 * {@link VecSparse}). The dense kernels sum in other orders, so the sparse and dense paths agree to
 * rounding (SparseInputTest: 1e-12), on either backend. No order depends on the threads.
 */
public final class Sparse {
    private Sparse() {}

    /** The width of a Wt table for n units: n rounded up to whole vectors (the kernels read whole vectors). */
    public static int paddedWidth(int n) {
        int l = Backend.simd() ? VecSparse.L : 1;
        return (n + l - 1) / l * l;
    }

    /** Wt[j * ldw + u] = W[u * k + j] for W n x k (units x inputs); the padding columns are zeros. */
    public static void transposeInto(double[] w, int n, int k, double[] wt, int ldw) {
        for (int j = 0; j < k; j++) {
            int o = j * ldw;
            for (int u = 0; u < n; u++) wt[o + u] = w[u * k + j];
            java.util.Arrays.fill(wt, o + n, o + ldw, 0.0);
        }
    }

    /** W[u * k + j] = Gt[j * ldg + u]: a gradient table back in the weights' layout. */
    public static void transposeBack(double[] gt, int k, int n, int ldg, double[] w) {
        for (int j = 0; j < k; j++) {
            int o = j * ldg;
            for (int u = 0; u < n; u++) w[u * k + j] = gt[o + u];
        }
    }

    /** x's row for row r of a block that starts at s: index[s + r], or s + r when index is null. */
    static int row(int[] index, int s, int r) {
        return index == null ? s + r : index[s + r];
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
            int i = row(index, s, r), zo = r * n;
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
            int i = row(index, s, r), d = r * n;
            for (int p = x.start[i], e = x.start[i + 1]; p < e; p++) {
                double v = x.val[p];
                int go = x.col[p] * ldg;
                for (int u = 0; u < n; u++) gt[go + u] = Math.fma(v, dz[d + u], gt[go + u]);
            }
        }
    }
}
