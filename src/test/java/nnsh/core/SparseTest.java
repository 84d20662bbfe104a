package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.data.DigitLike;

/** The sparse products against the plain dense reference: odd shapes, block tails, codes, index order. */
class SparseTest {
    /** rows x k values, about density of them nonzero (the rest exactly 0). */
    static double[] sparseData(Rng r, int rows, int k, double density) {
        double[] x = new double[rows * k];
        for (int i = 0; i < x.length; i++) if (r.nextDouble() < density) x[i] = r.nextDouble() * 2 - 1;
        return x;
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
            // Every width of one group and two, then some of more groups.
            for (int n : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 2 * Sparse.GROUP + 1),
                    java.util.stream.IntStream.of(30, 47, max)).toArray()) {
                int m = 150, s = 5, rows = 67;
                for (boolean coded : new boolean[] {false, true}) {
                    double[] x = coded ? codedData(r, m, k, 0.2, 255) : sparseData(r, m, k, 0.2);
                    SparseRows sp = SparseRows.of(x, m, k);
                    assertEquals(coded, sp.coded(), "k " + k + ": the values as codes");
                    double[] w = OpsTest.rand(r, n * k, 1);
                    double[] table = new double[Sparse.tableLength(n, k)];
                    Sparse.toTable(w, n, k, table);
                    for (int[] index : new int[][] {null, shuffled(r, m)}) {
                        String what = "k " + k + " n " + n + (coded ? " coded" : "") + (index == null ? "" : " (index)");
                        double[] a = gather(x, k, index, s, rows);
                        Sparse.Chunk c = new Sparse.Chunk();
                        Sparse.load(sp, index, s, rows, c);
                        double[] want = new double[rows * n];
                        Gemm.reference(false, true, rows, n, k, 1.0, a, 0, k, w, 0, k, 0.0, want, 0, n);
                        double[] z = new double[rows * n];
                        java.util.Arrays.fill(z, Double.NaN);
                        Sparse.productRows(c, table, n, k, z);
                        close(want, z, "forward, " + what);

                        // G += dZ^T X, on top of what is there; compared in W's layout after fromTable.
                        double[] dz = OpsTest.rand(r, rows * n, 1), g0 = OpsTest.rand(r, n * k, 1);
                        double[] wantG = g0.clone();
                        Gemm.reference(true, false, n, k, rows, 1.0, dz, 0, n, a, 0, k, 1.0, wantG, 0, k);
                        double[] gt = new double[Sparse.tableLength(n, k)];
                        Sparse.toTable(g0, n, k, gt);
                        Sparse.addTnRows(c, dz, n, k, gt);
                        double[] got = new double[n * k];
                        Sparse.fromTable(gt, n, k, got);
                        close(wantG, got, "gradient, " + what);
                        // The table's padding (units past n, columns past k) is still all zeros.
                        double[] again = new double[gt.length];
                        Sparse.toTable(got, n, k, again);
                        assertArrayEquals(again, gt, 0.0, "padding, " + what);
                    }
                }
            }
        }
    }

    /** Like sparseData, but every nonzero is j * (1 / d) for a whole j in 1 .. 255 (as the readers scale pixels). */
    static double[] codedData(Rng r, int rows, int k, double density, double d) {
        double[] x = new double[rows * k];
        for (int i = 0; i < x.length; i++) if (r.nextDouble() < density) x[i] = (1 + r.nextInt(255)) * (1 / d);
        return x;
    }

    @Test
    void codesGiveBackEveryValueExactly() {
        // Data that is not j * s for one s keeps its doubles; the loaded rows are the same either way.
        Rng r = new Rng(2);
        double[] bytes = codedData(r, 30, 20, 0.3, 1), scaled = codedData(r, 30, 20, 0.3, 255);
        double[] sixteenths = codedData(r, 30, 20, 0.3, 16), sevenths = codedData(r, 30, 20, 0.3, 7);
        double[] noOnes = scaled.clone();
        for (int i = 0; i < noOnes.length; i++) if (noOnes[i] == 1 / 255.0) noOnes[i] = 2 / 255.0;
        double[] mixed = scaled.clone();
        mixed[7] = 0.123456789;
        double[] divided = new double[600];
        for (int j = 0; j < 256; j++) divided[j] = j / 255.0;   // 33 / 255.0 is not 33 * (1 / 255.0)
        assertTrue(SparseRows.of(bytes, 30, 20).coded(), "raw bytes: s = 1");
        assertTrue(SparseRows.of(scaled, 30, 20).coded(), "bytes * (1 / 255)");
        assertTrue(SparseRows.of(sixteenths, 30, 20).coded(), "1 / 16");
        assertTrue(SparseRows.of(sevenths, 30, 20).coded(), "1 / 7");
        assertTrue(SparseRows.of(noOnes, 30, 20).coded(), "no value 1 / 255: found from 2 / 255");
        assertFalse(SparseRows.of(mixed, 30, 20).coded(), "one value that is not j / 255");
        assertFalse(SparseRows.of(divided, 30, 20).coded(), "j / 255.0, not j * (1 / 255.0)");
        assertFalse(SparseRows.of(sparseData(r, 30, 20, 0.3), 30, 20).coded(), "negative values");
        for (double[] x : new double[][] {bytes, scaled, sixteenths, sevenths, noOnes, mixed, divided}) {
            SparseRows sp = SparseRows.of(x, 30, 20);
            Sparse.Chunk c = new Sparse.Chunk();
            Sparse.load(sp, null, 0, 30, c);
            int w = sp.width;
            // The values as the products read them: the vector path's decoding, and the plain path's plainValues().
            double[] vals = new double[sp.blocks() * w];
            Sparse.values(sp, 0, sp.blocks(), vals, 0);
            double[] plain = new double[sp.blocks() * w];
            Sparse.plainValues(sp, 0, sp.blocks(), plain, 0);
            assertArrayEquals(plain, vals, 0.0, "both paths decode alike");
            double[] back = new double[30 * 20];
            for (int row = 0; row < 30; row++) {
                for (int e = c.from[row]; e < c.to[row]; e++) {
                    for (int t = 0; t < w && sp.blk[e] * w + t < 20; t++) {
                        back[row * 20 + sp.blk[e] * w + t] = vals[e * w + t];
                    }
                }
            }
            assertArrayEquals(x, back, 0.0);
            // 20 columns in blocks of w: the last block's columns past 20 read as zeros.
            for (int e = 0; e < c.to[29]; e++) {
                for (int t = 0; t < w; t++) {
                    if (sp.blk[e] * w + t >= 20) assertEquals(0.0, vals[e * w + t], 0.0, "padding");
                }
            }
        }
    }

    @Test
    void oddValuesAndEmptyData() {
        SparseRows none = SparseRows.of(new double[0], 0, 5);
        assertEquals(0, none.blocks());
        SparseRows zeros = SparseRows.of(new double[12], 3, 4);
        assertEquals(0, zeros.blocks(), "all zero: no blocks");
        // -0.0 counts as zero; infinities and NaN keep the doubles (no codes) and load back as they are.
        double[] x = {-0.0, 0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, Double.NaN, 0, 0.5};
        SparseRows sp = SparseRows.of(x, 3, 4);
        assertEquals(2, sp.blocks(), "row 0 holds only -0.0");
        assertFalse(sp.coded());
        assertFalse(SparseRows.of(new double[] {0, Double.POSITIVE_INFINITY}, 1, 2).coded(), "only an infinity");
        double[] vals = new double[2 * sp.width];
        Sparse.values(sp, 0, 2, vals, 0);
        assertEquals(Double.POSITIVE_INFINITY, vals[0], 0.0);
        assertTrue(Double.isNaN(vals[sp.width + 1]));
    }

    @Test
    void sparseFormKeepsEveryNonzeroBlockInOrder() {
        int w = Sparse.blockWidth();
        // 3 rows of 2 blocks and a bit: row 0 has a value in block 0, row 1 none, row 2 in blocks 1 and 2.
        int cols = 2 * w + 1;
        double[] x = new double[3 * cols];
        x[1] = 1.5;
        x[2 * cols + w] = -2;
        x[2 * cols + 2 * w] = 3;
        SparseRows sp = SparseRows.of(x, 3, cols);
        assertNotNull(sp);
        assertEquals(3, sp.nonzeros());
        assertEquals(3, sp.blocks());
        assertEquals(3.0 / 9, sp.density(), 0.0);
        assertArrayEquals(new int[] {0, 1, 1, 3}, sp.start);
        assertArrayEquals(new char[] {0, 1, 2}, sp.blk);
        assertFalse(sp.coded(), "a negative value");
        assertEquals(1.5, sp.val[Sparse.ALIGN + 1], 0.0);
        assertEquals(-2, sp.val[Sparse.ALIGN + w], 0.0);
        assertEquals(3, sp.val[Sparse.ALIGN + 2 * w], 0.0);
        // Tables: W (2 x cols) -> table (zero padding) -> back.
        double[] wts = OpsTest.rand(new Rng(4), 2 * cols, 1), table = new double[Sparse.tableLength(2, cols)];
        java.util.Arrays.fill(table, 9);
        Sparse.toTable(wts, 2, cols, table);
        assertEquals(wts[1 * cols + w + 1], table[Sparse.ALIGN + (1 * Sparse.GROUP + 1) * w + 1], 0.0,
                "unit 1, block 1, column 1");
        assertEquals(0.0, table[Sparse.ALIGN + (2 * Sparse.GROUP) * w + 1], 0.0, "past the last column");
        double[] back = new double[2 * cols];
        Sparse.fromTable(table, 2, cols, back);
        assertArrayEquals(wts, back, 0.0);
    }

    @Test
    void cacheKeepsOneFormPerArrayUntilForgotten() {
        Rng r = new Rng(3);
        double[] sparse = DigitLike.rows(r, 20, 30), dense = OpsTest.rand(r, 600, 1);
        SparseRows a = SparseRows.cached(sparse, 30);
        assertNotNull(a);
        assertTrue(a.coded(), "values j / 255 as codes");
        assertSame(a, SparseRows.cached(sparse, 30));
        assertNull(SparseRows.cached(dense, 30), "data with no zeros keeps the dense path");
        // Half the values zero, spread evenly: a block of w holds ink with chance 1 - 0.5^w, 94% of blocks at the
        // narrowest width (4 lanes) and more at 8, above the limit of half. (A fifth inked would leave 59% of
        // blocks of 4 inked: too near the limit to be the dense case on every machine.)
        assertNull(SparseRows.cached(sparseData(r, 20, 30, 0.5), 30), "half inked, spread evenly: few blocks are empty");
        SparseRows.forgetAll();
        SparseRows b = SparseRows.cached(sparse, 30);
        assertNotSame(a, b);
        double was = SparseRows.setMaxDensity(0);
        try {
            assertNull(SparseRows.cached(sparse, 30), "limit 0 turns the sparse path off");
        } finally {
            SparseRows.setMaxDensity(was);
        }
    }
}
