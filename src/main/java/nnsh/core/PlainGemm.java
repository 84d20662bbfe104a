package nnsh.core;

/**
 * GEMM as plain Java loops: the fallback when the Vector API is absent, and the fast path for small
 * products on any backend (below {@link Gemm#SMALL} multiply-adds, packing panels costs more than it saves).
 *
 * <p>Every element is summed over p = 0 .. k-1 in order, exactly like {@link Gemm#reference}, then
 * stored as alpha * s (+ beta * c): the results are bit-identical to the reference, and rows may be
 * split over threads freely.
 */
final class PlainGemm {
    private PlainGemm() {}

    private static final ThreadLocal<double[][]> ROW = ThreadLocal.withInitial(() -> new double[1][0]);

    private static double[] row(int n) {
        double[][] h = ROW.get();
        if (h[0].length < n) h[0] = new double[Math.max(n, 2 * h[0].length)];
        return h[0];
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc, boolean parallel) {
        int threads = parallel ? Parallel.threads() : 1;
        if (threads <= 1 || m < 2) {
            rows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int tasks = Math.min(m, 4 * threads);
        int per = (m + tasks - 1) / tasks;
        int nTasks = (m + per - 1) / per;
        Parallel.forEach(nTasks, t -> {
            int i0 = t * per, i1 = Math.min(m, i0 + per);
            rows(transA, transB, i0, i1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    /** Rows [i0, i1) of C. */
    static void rows(boolean transA, boolean transB, int i0, int i1, int n, int k,
                     double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (!transB) {
            // C row i = sum_p A(i,p) * B row p: inner loop runs along contiguous rows of B and C.
            double[] t = row(n);
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(t, 0, n, 0.0);
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    int bo = bOff + p * ldb;
                    for (int j = 0; j < n; j++) t[j] += av * b[bo + j];
                }
                store(t, n, alpha, beta, c, cOff + i * ldc);
            }
        } else {
            // C(i,j) = dot(row i of op(A), row j of B): four columns at a time, each summed in order.
            for (int i = i0; i < i1; i++) {
                int ci = cOff + i * ldc;
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    int b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        s0 += av * b[b0 + p];
                        s1 += av * b[b1 + p];
                        s2 += av * b[b2 + p];
                        s3 += av * b[b3 + p];
                    }
                    put(c, ci + j, s0, alpha, beta);
                    put(c, ci + j + 1, s1, alpha, beta);
                    put(c, ci + j + 2, s2, alpha, beta);
                    put(c, ci + j + 3, s3, alpha, beta);
                }
                for (; j < n; j++) {
                    double s = 0;
                    int bo = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        s += av * b[bo + p];
                    }
                    put(c, ci + j, s, alpha, beta);
                }
            }
        }
    }

    /** Stores one element: c[idx] = alpha * s, plus beta * c[idx] unless beta is 0 (old NaN ignored then). */
    static void put(double[] c, int idx, double s, double alpha, double beta) {
        c[idx] = beta == 0 ? alpha * s : alpha * s + beta * c[idx];
    }

    private static void store(double[] t, int n, double alpha, double beta, double[] c, int ci) {
        if (beta == 0) {
            for (int j = 0; j < n; j++) c[ci + j] = alpha * t[j];
        } else {
            for (int j = 0; j < n; j++) c[ci + j] = alpha * t[j] + beta * c[ci + j];
        }
    }
}
