package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NT and NN products with k and n both at most 16 (the 10 x 10 layer of 784-10-10): against the reference on
 * every width (vector part and leftover columns), alpha and beta, offsets and strides, any thread count;
 * and against the in-order FMA sum element by element, which is what both backends compute.
 */
class TinyTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void routesOnlyProductsOfAnUntransposedAWithSmallKAndN() {   // NT and NN alike: op(B) is copied into a table
        assertTrue(Tiny.fits(false, 10, 10));
        assertTrue(Tiny.fits(false, 16, 16));
        assertFalse(Tiny.fits(false, 17, 10));
        assertFalse(Tiny.fits(false, 10, 784));
        assertFalse(Tiny.fits(true, 10, 10));
    }

    @Test
    void matchesTheInOrderFmaSumAndTheReference() {
        Rng r = new Rng(31);
        double[][] ab = {{1, 0}, {0.5, 0}, {1, 1}, {-2, 0.25}};
        for (int t = 0; t < 400; t++) {
            boolean transB = t % 2 == 0;   // NT (the layer's forward) and NN (its input gradient)
            int m = 1 + r.nextInt(t % 10 < 2 ? 3000 : 70), n = 1 + r.nextInt(16), k = 1 + r.nextInt(16);
            int lda = k + r.nextInt(3), ldb = (transB ? k : n) + r.nextInt(3), ldc = n + r.nextInt(3);
            int aOff = r.nextInt(5), bOff = r.nextInt(5), cOff = r.nextInt(5);
            double alpha = ab[(t / 2) % 4][0], beta = ab[(t / 2) % 4][1];
            double[] a = new double[aOff + m * lda], b = new double[bOff + (transB ? n : k) * ldb], c0 = new double[cOff + m * ldc];
            for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() * 2 - 1;
            for (int i = 0; i < b.length; i++) b[i] = r.nextDouble() * 2 - 1;
            for (int i = 0; i < c0.length; i++) c0[i] = r.nextDouble() * 2 - 1;
            double[] want = c0.clone(), ref = c0.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(a[aOff + i * lda + p], transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j], s);
                    }
                    int at = cOff + i * ldc + j;
                    want[at] = beta == 0 ? alpha * s : alpha * s + beta * want[at];
                }
            }
            Gemm.reference(false, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, ref, cOff, ldc);
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                double[] got = c0.clone();
                Gemm.gemm(false, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
                String what = (transB ? "NT " : "NN ") + m + "x" + n + "x" + k + " alpha " + alpha + " beta " + beta
                        + ", " + threads + " threads";
                if ((long) m * n * k >= Gemm.SMALL) assertArrayEquals(want, got, 0.0, what);
                for (int i = 0; i < got.length; i++) assertEquals(ref[i], got[i], 1e-12 * Math.max(1, Math.abs(ref[i])), what);
            }
        }
    }
}
