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
 *
 * <p>Paths (all chosen by shape alone): tiny products on plain loops; NT and NN with k and n both &lt;= 16
 * on in-order FMA rows ({@code Tiny}); NT with n &lt;= 16 and TN with
 * m &lt;= 16 (a layer with few units) on unpacked dot-product / register-strip kernels ({@code VecSkinny});
 * everything else on the packed 12 x 16 kernel ({@code VecGemm}), which {@link #gemmSkippingZeros} may also
 * tell to skip the blank steps of a mostly-zero side.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * Below this many multiply-adds (m*n*k) the plain loops run instead of the packed SIMD kernel.
     * Measured on AVX-512: the packed kernel already wins 2x at 10x10x10 and 4x at 64x16x10, so only
     * the tiniest products stay on plain loops.
     */
    static final long SMALL = Long.getLong("nnsh.gemm.small", 256L);
    /** Below this many multiply-adds a product runs on the calling thread alone. */
    static final long PARALLEL_MIN = Long.getLong("nnsh.gemm.parallelMin", 1L << 21);

    /**
     * Whether a product of this many multiply-adds is split over the kernel threads: when it is large
     * enough and the kernels may split at all (more than one thread, and not inside a training worker,
     * where {@link Parallel#forEach} would run the tasks one after the other anyway).
     */
    static boolean split(long work) {
        return work >= PARALLEL_MIN && Parallel.maySplit();
    }

    /**
     * The fast product: Vector API blocked kernels when {@link Backend#simd()}, plain loops otherwise or
     * for small shapes; large products are split over {@link Parallel#threads()} threads. Results do not
     * depend on the thread count (bit for bit), and agree with {@link #reference} to rounding.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, int lda,
                            double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        product(VecGemm.DENSE, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** gemm's dispatch; skip (VecGemm.DENSE, SKIP_A or SKIP_B) reaches the packed kernel alone. */
    private static void product(int skip, boolean transA, boolean transB, int m, int n, int k,
                                double alpha, double[] a, int aOff, int lda,
                                double[] b, int bOff, int ldb,
                                double beta, double[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {   // empty sum: C = beta * C (overwritten with zeros when beta is 0)
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) PlainGemm.put(c, ci + j, 0.0, alpha, beta);
            }
            return;
        }
        long work = (long) m * n * k;
        boolean parallel = split(work);
        if (Tiny.fits(transA, n, k) && work >= SMALL) {
            Tiny.gemm(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
        } else if (Backend.simd() && work >= SMALL && skinny(transA, transB, m, n)) {
            if (transB) VecSkinny.nt(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
            else VecSkinny.tn(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
        } else if (Backend.simd() && work >= SMALL) {
            VecGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel, skip);
        } else {
            PlainGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
        }
    }

    /**
     * {@link #gemm} for a product where one side is mostly exact zeros, such as a batch of digits (zerosInA: op(A),
     * else op(B)). On the packed kernel, the steps of k where a sliver of that side (12 rows of op(A), or two
     * vectors' worth of columns of op(B)) is all zeros are left out, when few enough of the sliver's steps hold a nonzero: each
     * element of C is the same in-order chain of FMAs without terms that are 0 times the other side, which
     * changes no bit when the other side is finite. Where it holds an infinity or NaN, gemm makes NaN of such a
     * term and this may leave it out (whether depends on how rows and columns fall into slivers, k blocks and
     * lanes). Other paths
     * run as gemm, and so does everything under -Dnnsh.gemm.skipZeros=false (for comparisons).
     */
    public static void gemmSkippingZeros(boolean zerosInA, boolean transA, boolean transB, int m, int n, int k,
                                         double alpha, double[] a, int aOff, int lda,
                                         double[] b, int bOff, int ldb,
                                         double beta, double[] c, int cOff, int ldc) {
        int skip = !SKIP_ZEROS ? VecGemm.DENSE : zerosInA ? VecGemm.SKIP_A : VecGemm.SKIP_B;
        product(skip, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Whether {@link #gemmSkippingZeros} skips at all. */
    static final boolean SKIP_ZEROS = Switch.on("nnsh.gemm.skipZeros");

    /** Widest small side that goes to the skinny kernels instead of the packed one. */
    static final int SKINNY = Integer.getInteger("nnsh.gemm.skinny", 16);

    /**
     * True for the two products of a layer with few units: NT with n small (forward, Z = A W^T) and TN with
     * m small (weight gradient, dW = dZ^T A). The choice depends on the shape alone.
     */
    static boolean skinny(boolean transA, boolean transB, int m, int n) {
        if (!transA && transB) return n <= SKINNY;
        if (transA && !transB) return m <= SKINNY;
        return false;
    }

    /** Plain loops only (no Vector API), still split over threads when large: the fallback path. */
    public static void plain(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            gemm(transA, transB, m, n, 0, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        boolean parallel = split((long) m * n * k);
        PlainGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
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
