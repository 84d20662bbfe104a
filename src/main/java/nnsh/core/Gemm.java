package nnsh.core;

/**
 * General matrix product on row-major double[] matrices, BLAS style:
 *
 * <pre>
 *   C = alpha * op(A) * op(B) + beta * C
 *   op(A) is m x k, op(B) is k x n, C is m x n
 *   op(X) = X, or X^T when the trans flag is set
 *   element (i, j) of a stored matrix X is x[off + i * ld + j]
 * </pre>
 *
 * A dense layer needs three of these (activations stored examples x features):
 * forward Z = A W^T (NT), weight gradient dW = dZ^T A (TN), input gradient dA = dZ W (NN).
 * When beta is 0, C is overwritten and its old contents (even NaN) are ignored.
 */
public final class Gemm {
    private Gemm() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, int lda,
                            double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        reference(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The plain, obviously-correct product: what every fast path is tested against. */
    public static void reference(boolean transA, boolean transB, int m, int n, int k,
                                 double alpha, double[] a, int aOff, int lda,
                                 double[] b, int bOff, int ldb,
                                 double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
