package nnsh.core;

/**
 * NT products whose inner dimension and width are both small: C = alpha A B^T + beta C with k &lt;= 16 and
 * n &lt;= 16, whatever m. The forward product of the 10 x 10 layer of 784-10-10 (Z = A W^T, per block of
 * 64 examples) is one, 6,400 multiply-adds: the skinny kernels' lane sums and the packed kernel's tiles
 * cost several times the arithmetic there. (That layer's input gradient dA = dZ W is NN and does not come
 * here: see {@link #fits}.) B^T is copied once into a k x n table and each row of C is summed straight
 * down p = 0 .. k-1 with fused multiply-adds, a vector of columns at a time, then the columns left over
 * one by one. Every element gets the same in-order FMA chain on the Vector API and on plain Java, so both
 * give the same bits.
 */
final class Tiny {
    private Tiny() {}

    /** Largest k and n this takes. */
    static final int MAX = 16;

    private static final ThreadLocal<double[]> TABLE = ThreadLocal.withInitial(() -> new double[MAX * MAX]);

    /** NT only: for NN (dA = dZ W) the packed kernel measured faster at these sizes. */
    static boolean fits(boolean transA, boolean transB, int n, int k) {
        return !transA && transB && n <= MAX && k <= MAX;
    }

    /** C = alpha A B^T + beta C: A is m x k (lda), B is n x k (ldb), C m x n (ldc). */
    static void gemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        double[] bt = TABLE.get();
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) bt[p * n + j] = b[bOff + j * ldb + p];
        }
        int tasks = (m + ROWS - 1) / ROWS;
        if (!parallel || tasks < 2) {
            rows(0, m, n, k, alpha, a, aOff, lda, bt, beta, c, cOff, ldc);
            return;
        }
        Parallel.forEach(tasks, t -> rows(t * ROWS, Math.min(m, (t + 1) * ROWS), n, k, alpha, a, aOff, lda, bt,
                beta, c, cOff, ldc));
    }

    /** Rows per task when a product is split over the kernel threads. */
    private static final int ROWS = 1024;

    /** Rows [i0, i1) of C from the k x n table bt. */
    private static void rows(int i0, int i1, int n, int k, double alpha, double[] a, int aOff, int lda, double[] bt,
                             double beta, double[] c, int cOff, int ldc) {
        int done = Backend.simd() ? VecTiny.rows(i0, i1, n, k, alpha, a, aOff, lda, bt, beta, c, cOff, ldc) : 0;
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            for (int j = done; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s = Math.fma(a[ai + p], bt[p * n + j], s);
                PlainGemm.put(c, ci + j, s, alpha, beta);
            }
        }
    }
}
