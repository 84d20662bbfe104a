package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The sparse products against the plain dense reference: odd shapes, vector tails, index order. */
class SparseTest {
    /** rows x k values, about density of them nonzero (the rest exactly 0). */
    static double[] sparseData(Rng r, int rows, int k, double density) {
        double[] x = new double[rows * k];
        for (int i = 0; i < x.length; i++) if (r.nextDouble() < density) x[i] = r.nextDouble() * 2 - 1;
        return x;
    }

    static double[] rand(Rng r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    static int[] shuffled(Rng r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        r.shuffle(p);
        return p;
    }

    /** The block's rows gathered densely: row r is x's row index[s + r] (or s + r). */
    static double[] gather(double[] x, int k, int[] index, int s, int rows) {
        double[] g = new double[rows * k];
        for (int r = 0; r < rows; r++) System.arraycopy(x, (index == null ? s + r : index[s + r]) * k, g, r * k, k);
        return g;
    }

    static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-12 * Math.max(1, Math.abs(want[i])), what + " at " + i);
        }
    }

    @Test
    void rowsProductsMatchTheReference() {
        Rng r = new Rng(1);
        int max = Sparse.narrowMax();
        for (int k : new int[] {1, 7, 37, 784}) {
            for (int n = 1; n <= max; n++) {
                int m = 150, s = 5, rows = 67;
                double[] x = sparseData(r, m, k, 0.2);
                SparseRows sp = SparseRows.of(x, m, k);
                double[] w = rand(r, n * k);
                int ldw = Sparse.paddedWidth(n);
                double[] wt = new double[k * ldw];
                Sparse.transposeInto(w, n, k, wt, ldw);
                for (int[] index : new int[][] {null, shuffled(r, m)}) {
                    String what = "k " + k + " n " + n + (index == null ? "" : " (index)");
                    double[] a = gather(x, k, index, s, rows);
                    double[] want = new double[rows * n];
                    Gemm.reference(false, true, rows, n, k, 1.0, a, 0, k, w, 0, k, 0.0, want, 0, n);
                    double[] z = new double[rows * n];
                    java.util.Arrays.fill(z, Double.NaN);
                    Sparse.productRows(sp, index, s, rows, wt, ldw, n, z);
                    close(want, z, "forward, " + what);

                    // Gt += X^T dZ, on top of what is there; compared in W's layout after transposeBack.
                    double[] dz = rand(r, rows * n), g0 = rand(r, n * k);
                    double[] wantG = g0.clone();
                    Gemm.reference(true, false, n, k, rows, 1.0, dz, 0, n, a, 0, k, 1.0, wantG, 0, k);
                    double[] gt = new double[k * ldw];
                    Sparse.transposeInto(g0, n, k, gt, ldw);
                    Sparse.addTnRows(sp, index, s, rows, dz, n, gt, ldw);
                    double[] got = new double[n * k];
                    Sparse.transposeBack(gt, k, n, ldw, got);
                    close(wantG, got, "gradient, " + what);
                }
            }
        }
    }

    @Test
    void sparseFormKeepsEveryNonzeroInOrder() {
        double[] x = {0, 1.5, 0, 0, -2, 0, 0, 0, 0, 3, 0, -0.25};
        SparseRows sp = SparseRows.of(x, 3, 4);
        assertNotNull(sp);
        assertEquals(4, sp.nonzeros());
        assertEquals(4.0 / 12, sp.density(), 0.0);
        assertArrayEquals(new int[] {0, 1, 2, 4}, sp.start);
        assertArrayEquals(new char[] {1, 0, 1, 3}, sp.col);
        assertArrayEquals(new double[] {1.5, -2, 3, -0.25}, sp.val, 0.0);
        // Transposes: W (2 x 3) -> Wt (3 x ldw, zero padding) -> back.
        double[] w = {1, 2, 3, 4, 5, 6}, wt = new double[3 * 4];
        java.util.Arrays.fill(wt, 9);
        Sparse.transposeInto(w, 2, 3, wt, 4);
        assertArrayEquals(new double[] {1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0}, wt, 0.0);
        double[] back = new double[6];
        Sparse.transposeBack(wt, 3, 2, 4, back);
        assertArrayEquals(w, back, 0.0);
    }

    @Test
    void cacheKeepsOneFormPerArrayUntilForgotten() {
        Rng r = new Rng(3);
        double[] sparse = sparseData(r, 20, 10, 0.2), dense = rand(r, 200);
        SparseRows a = SparseRows.cached(sparse, 10);
        assertNotNull(a);
        assertSame(a, SparseRows.cached(sparse, 10));
        assertNull(SparseRows.cached(dense, 10), "data with no zeros keeps the dense path");
        SparseRows.forgetAll();
        SparseRows b = SparseRows.cached(sparse, 10);
        assertNotSame(a, b);
        double was = SparseRows.setMaxDensity(0);
        try {
            assertNull(SparseRows.cached(sparse, 10), "limit 0 turns the sparse path off");
        } finally {
            SparseRows.setMaxDensity(was);
        }
    }
}
