package nnsh.core;

/**
 * The input gradient of a layer whose input came through a ReLU, in one pass:
 *
 * <pre>
 *   C = (A B) where G > 0, else 0        A: m x k (dZ of the layer), B: k x n (its W), G, C: m x n
 * </pre>
 *
 * that is dZ_prev = (dZ W) * relu'(Z_prev), without writing dA_prev and reading it back. For a layer
 * with few units (k &lt;= {@link #MAX_K}, the 10-unit output of 784-1000-10) the product is cheap and
 * the two passes over m x n were most of the cost. Each element is summed over p = 0 .. k-1 in order with
 * fused multiply-adds, as the GEMM kernels do, so C is bit for bit what the product followed by the
 * ReLU mask gives; rows are split over threads without changing a bit.
 */
public final class Gated {
    private Gated() {}

    /** Widest k this takes; wider products go through {@link Gemm} and a separate mask. */
    public static final int MAX_K = 16;

    /** Rows per task when split over the kernel threads. */
    private static final int ROWS = 64;

    /** C = (A B) where G &gt; 0, else 0; A m x k, B k x n, G and C m x n, all row-major and dense. */
    public static void reluGatedProduct(int m, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        if (k > MAX_K) throw new IllegalArgumentException("k " + k + " > " + MAX_K);
        boolean parallel = Gemm.split((long) m * n * k);
        int tasks = (m + ROWS - 1) / ROWS;
        if (!parallel || tasks < 2) {
            rows(0, m, n, k, a, b, g, c);
            return;
        }
        Parallel.forEach(tasks, t -> rows(t * ROWS, Math.min(m, (t + 1) * ROWS), n, k, a, b, g, c));
    }

    private static void rows(int i0, int i1, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        if (Backend.simd()) {
            VecGated.rows(i0, i1, n, k, a, b, g, c);
            return;
        }
        for (int i = i0; i < i1; i++) {
            for (int j = 0; j < n; j++) element(i, j, n, k, a, b, g, c);
        }
    }

    /**
     * One element of C: the in-order FMA sum over p where G &gt; 0, else 0. The plain path and the column
     * tails of {@link VecGated} both use it, so every element gets the same bits on either backend.
     */
    static void element(int i, int j, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        int at = i * n + j;
        if (!(g[at] > 0)) {
            c[at] = 0.0;
            return;
        }
        double s = 0;
        for (int p = 0; p < k; p++) s = Math.fma(a[i * k + p], b[p * n + j], s);
        c[at] = s;
    }
}
