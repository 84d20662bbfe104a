package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NonzeroColumns and ColumnSubset against the obvious loops: the union of a batch's nonzero columns (NaN
 * counts), and the copies into and out of the compact form, small (on the calling thread) and large
 * (split over the kernel threads), with and without a row index.
 */
class ColumnSubsetTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** rows x cols, a third of the values 0 and columns {zero} 0 throughout; a NaN at (1, 3). */
    static double[] data(Rng r, int rows, int cols, int... zero) {
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(3) == 0 ? 0 : r.nextDouble() - 0.5;
        for (int c : zero) for (int i = 0; i < rows; i++) x[i * cols + c] = 0;
        x[cols + 3] = Double.NaN;
        return x;
    }

    /** Columns nonzero in any of the rows, the plain way. */
    static int[] expectedUnion(double[] x, int cols, int[] index, int start, int count) {
        java.util.List<Integer> l = new java.util.ArrayList<>();
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < count; i++) {
                int row = index == null ? start + i : index[start + i];
                if (x[row * cols + c] != 0 || Double.isNaN(x[row * cols + c])) {
                    l.add(c);
                    break;
                }
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void unionIsTheColumnsWithANonzeroInAnyRow() {
        Rng r = new Rng(3);
        for (int cols : new int[] {1, 63, 64, 65, 130}) {
            int rows = 40;
            double[] x = data(r, rows, cols, 0, cols / 2, cols - 1);
            // rows 20.. leave more columns empty: their nonzeros only in the first 20 rows
            for (int i = 20; i < rows; i++) for (int c = 0; c < cols; c += 3) x[i * cols + c] = 0;
            NonzeroColumns nz = NonzeroColumns.of(x, rows, cols);
            int[] index = SparseTest.shuffled(r, rows);
            ColumnSubset cs = new ColumnSubset(cols);
            for (int[] sel : new int[][] {{0, rows}, {20, 20}, {5, 1}, {0, 0}}) {
                for (int[] idx : new int[][] {null, index}) {
                    int[] want = expectedUnion(x, cols, idx, sel[0], sel[1]);
                    int n = cs.selectNonzero(nz, idx, sel[0], sel[1]);
                    assertEquals(want.length, n, cols + " columns, rows " + sel[0] + "+" + sel[1]);
                    int[] got = new int[n];
                    for (int t = 0; t < n; t++) got[t] = cs.column(t);
                    assertArrayEquals(want, got);
                }
            }
        }
    }

    @Test
    void aMaskOfAnotherWidthIsRefused() {
        NonzeroColumns nz = NonzeroColumns.of(new double[12], 3, 4);
        assertThrows(IllegalArgumentException.class, () -> new ColumnSubset(5).selectNonzero(nz, null, 0, 3));
    }

    @Test
    void gatherAndScatterMatchThePlainLoops() {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            // small: one task on the calling thread; large: past the split threshold, a ragged last task
            for (int[] shape : new int[][] {{9, 23}, {1000, 97}}) {
                check(shape[0], shape[1], new Rng(shape[0] + 7L * threads));
            }
        }
    }

    private static void check(int rows, int cols, Rng r) {
        int all = rows + 5;
        double[] x = data(r, all, cols, 0, 1, 2, cols - 1, cols / 2);
        NonzeroColumns nz = NonzeroColumns.of(x, all, cols);
        int[] index = SparseTest.shuffled(r, all);
        ColumnSubset cs = new ColumnSubset(cols);
        int k = cs.selectNonzero(nz, index, 3, rows);
        int[] col = expectedUnion(x, cols, index, 3, rows);
        assertEquals(col.length, k);
        assertEquals(cols - 5, k, "five columns are zero throughout");

        // compact rows k + 2 long: the two columns past the set are the caller's, left as they are
        int ldc = k + 2;
        double[] compact = new double[rows * ldc];
        for (int i = 0; i < rows; i++) compact[i * ldc + k] = compact[i * ldc + k + 1] = 7.0;
        cs.gather(rows, x, cols, index, 3, compact, ldc);
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < k; t++) {
                assertEquals(x[index[3 + i] * cols + col[t]], compact[i * ldc + t], 0.0, "gather (" + i + ", " + t + ")");
            }
            assertEquals(7.0, compact[i * ldc + k], 0.0);
            assertEquals(7.0, compact[i * ldc + k + 1], 0.0);
        }
        cs.gather(rows, x, cols, null, 2, compact, ldc);
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < k; t++) assertEquals(x[(2 + i) * cols + col[t]], compact[i * ldc + t], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> cs.gather(rows, x, cols, null, 2, compact, k - 1));

        double[] full = new double[rows * cols];
        java.util.Arrays.fill(full, Double.NaN);   // overwritten, even outside the columns taken
        cs.scatter(rows, compact, ldc, 0.25, full, cols, false);
        double[] before = full.clone();
        for (int i = 0; i < rows; i++) {
            int t = 0;
            for (int c = 0; c < cols; c++) {
                boolean taken = t < k && col[t] == c;
                double want = taken ? 0.25 * compact[i * ldc + t++] : 0.0;
                assertEquals(want, full[i * cols + c], 0.0, "scatter (" + i + ", " + c + ")");
            }
        }
        cs.scatter(rows, compact, ldc, -1.5, full, cols, true);
        for (int i = 0; i < rows; i++) {
            int t = 0;
            for (int c = 0; c < cols; c++) {
                boolean taken = t < k && col[t] == c;
                double want = taken ? before[i * cols + c] + -1.5 * compact[i * ldc + t++] : before[i * cols + c];
                assertEquals(want, full[i * cols + c], 0.0, "scatter-add (" + i + ", " + c + ")");
            }
        }
    }

    @Test
    void patchOrderListsEachPixelOncePatchByPatch() {
        int[] o = ColumnSubset.patchOrder(10, 4);   // patches of 4 x 4, cut to 4 x 2, 2 x 4 and 2 x 2 at the edges
        assertEquals(100, o.length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33, 4, 5, 6, 7},
                java.util.Arrays.copyOf(o, 20));
        assertArrayEquals(new int[] {88, 89, 98, 99}, java.util.Arrays.copyOfRange(o, 96, 100));
        boolean[] seen = new boolean[100];
        for (int c : o) seen[c] = true;
        for (boolean b : seen) assertEquals(true, b);
        assertThrows(IllegalArgumentException.class, () -> new ColumnSubset(4, new int[] {0, 1, 1, 3}));
        assertThrows(IllegalArgumentException.class, () -> new ColumnSubset(4, new int[] {0, 1, 2}));
    }

    /** In a given order, the chosen columns are listed in that order; the copies follow it, gaps included. */
    @Test
    void anOrderedSetCopiesInItsOrder() {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int rows : new int[] {7, 700}) {
                Rng r = new Rng(rows + threads);
                int cols = 100;
                int[] order = ColumnSubset.patchOrder(10, 4);
                double[] x = data(r, rows, cols, 0, 1, 2, 9, 45, 99);
                ColumnSubset cs = new ColumnSubset(cols, order);
                int k = cs.selectNonzero(NonzeroColumns.of(x, rows, cols), null, 0, rows);
                int[] want = new int[k];
                int n = 0;
                for (int c : order) if (java.util.Arrays.binarySearch(expectedUnion(x, cols, null, 0, rows), c) >= 0) want[n++] = c;
                assertEquals(n, k);
                for (int t = 0; t < k; t++) assertEquals(want[t], cs.column(t), "column " + t);
                double[] compact = new double[rows * k];
                cs.gather(rows, x, cols, null, 0, compact, k);
                double[] full = new double[rows * cols];
                java.util.Arrays.fill(full, 5.0);
                cs.scatter(rows, compact, k, 2.0, full, cols, false);
                for (int i = 0; i < rows; i++) {
                    for (int c = 0; c < cols; c++) {
                        double v = x[i * cols + c];
                        assertEquals(2.0 * v, full[i * cols + c], 0.0, rows + " rows: (" + i + ", " + c + ")");
                    }
                }
            }
        }
    }

    @Test
    void theCacheKeepsAFormUntilForgotten() {
        double[] x = data(new Rng(1), 6, 10, 4);
        NonzeroColumns a = NonzeroColumns.cached(x, 10);
        assertSame(a, NonzeroColumns.cached(x, 10));
        NonzeroColumns.forgetAll();
        x[2 * 10 + 4] = 1.0;   // written meanwhile: the new form sees it
        NonzeroColumns b = NonzeroColumns.cached(x, 10);
        ColumnSubset cs = new ColumnSubset(10);
        assertEquals(10, cs.selectNonzero(b, null, 0, 6));
        assertEquals(9, cs.selectNonzero(a, null, 0, 6));
    }
}
