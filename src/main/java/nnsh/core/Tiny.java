package nnsh.core;

/**
 * Products whose inner dimension and width are both small, A not transposed: C = alpha A op(B) + beta C
 * with k &lt;= 16 and n &lt;= 16, whatever m: a narrow layer's forward Z = A W^T (NT) and input gradient
 * dA = dZ W (NN), such as the 10 x 10 output layer of 784-10-10 when it is evaluated (its training goes
 * through {@link SoftmaxHead}) or a 16-unit hidden layer. The skinny kernels' lane sums and the packed
 * kernel's packing and tiles cost several times the arithmetic there. op(B) is copied once into a k x ldt
 * table (rows padded with zeros to whole vectors) and each row of C is summed straight down p = 0 .. k-1 with fused multiply-adds, four rows of one or two
 * vectors at a time on the Vector API (4 to 8 independent chains). Every element gets the same in-order FMA
 * chain on the Vector API and on plain Java, so both give the same bits.
 */
final class Tiny {
    private Tiny() {}

    /** Largest k and n this takes. */
    static final int MAX = 16;

    /** The k x ldt table of op(B), rows padded with zeros to whole vectors (ldt up to MAX rounded up to a vector). */
    private static final ThreadLocal<double[]> TABLE = ThreadLocal.withInitial(() -> new double[MAX * ldt(MAX)]);

    /** The table's row length for n columns. */
    private static int ldt(int n) {
        return Backend.simd() ? VecGemm.roundUp(n, VecTiny.L) : n;
    }

    /** NT and NN (A not transposed) with k and n at most MAX. */
    static boolean fits(boolean transA, int n, int k) {
        return !transA && n <= MAX && k <= MAX;
    }

    /** C = alpha A op(B) + beta C: A is m x k (lda), op(B) k x n (B is n x k when transB, else k x n; ldb), C m x n
     * (ldc). */
    static void gemm(boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        double[] bt = TABLE.get();
        int ldt = ldt(n);
        for (int p = 0; p < k; p++) {
            if (transB) for (int j = 0; j < n; j++) bt[p * ldt + j] = b[bOff + j * ldb + p];
            else System.arraycopy(b, bOff + p * ldb, bt, p * ldt, n);
            for (int j = n; j < ldt; j++) bt[p * ldt + j] = 0.0;
        }
        int tasks = (m + ROWS - 1) / ROWS;
        if (!parallel || tasks < 2) {
            rows(0, m, n, k, alpha, a, aOff, lda, bt, ldt, beta, c, cOff, ldc);
            return;
        }
        Parallel.forEach(tasks, t -> rows(t * ROWS, Math.min(m, (t + 1) * ROWS), n, k, alpha, a, aOff, lda, bt, ldt,
                beta, c, cOff, ldc));
    }

    /** Rows per task when a product is split over the kernel threads. */
    private static final int ROWS = 1024;

    /** Rows [i0, i1) of C from the k x ldt table bt. */
    private static void rows(int i0, int i1, int n, int k, double alpha, double[] a, int aOff, int lda, double[] bt,
                             int ldt, double beta, double[] c, int cOff, int ldc) {
        int done = Backend.simd() ? VecTiny.rows(i0, i1, n, k, alpha, a, aOff, lda, bt, ldt, beta, c, cOff, ldc) : i0;
        for (int i = done; i < i1; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s = Math.fma(a[ai + p], bt[p * ldt + j], s);
                PlainGemm.put(c, ci + j, s, alpha, beta);
            }
        }
    }
}
