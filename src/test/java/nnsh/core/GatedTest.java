package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gated product (dZ_prev = (dZ W) where Z_prev > 0) against the two steps it replaces: the GEMM,
 * then the ReLU mask. Bit for bit, on shapes that hit the 4 x 4-vector tiles, the vector tail, the scalar
 * tail and the leftover rows, on any number of threads.
 */
class GatedTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** What the backward pass did before: C = A B by the GEMM, then C = 0 where G <= 0. */
    static double[] twoSteps(int m, int n, int k, double[] a, double[] b, double[] g) {
        double[] c = new double[m * n];
        Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
        Ops.reluBackward(m * n, g, c, c);
        return c;
    }

    @Test
    void matchesTheProductThenTheMaskBitForBit() {
        Rng r = new Rng(21);
        int[][] shapes = {{1, 1, 1}, {4, 32, 10}, {7, 33, 3}, {13, 95, 16}, {64, 1000, 10}, {67, 129, 10}, {300, 1000, 10},
                {5, 7, 1}, {1024, 1000, 10}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            double[] a = OpsTest.rand(r, m * k, 1), b = OpsTest.rand(r, k * n, 1), g = OpsTest.rand(r, m * n, 1);
            g[0] = Double.NaN;          // NaN is not > 0: masked, as the ReLU's backward does
            double[] want = twoSteps(m, n, k, a, b, g);
            double[] got = new double[m * n];
            java.util.Arrays.fill(got, 7.0);   // every element is written
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                Gated.reluGatedProduct(m, n, k, a, b, g, got);
                assertArrayEquals(want, got, 0.0, m + "x" + n + "x" + k + " on " + threads + " threads");
            }
            // and against the plain reference product, to rounding
            double[] ref = new double[m * n];
            Gemm.reference(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, ref, 0, n);
            for (int i = 0; i < ref.length; i++) {
                double expect = g[i] > 0 ? ref[i] : 0.0;
                assertEquals(expect, got[i], 1e-12 * Math.max(1, Math.abs(expect)), "element " + i);
            }
        }
    }

    @Test
    void refusesAWideK() {
        assertThrows(IllegalArgumentException.class,
                () -> Gated.reluGatedProduct(1, 1, Gated.MAX_K + 1, new double[17], new double[17], new double[1], new double[1]));
    }
}
