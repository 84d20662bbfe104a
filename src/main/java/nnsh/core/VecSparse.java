package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of {@link Sparse}'s products, one row of the block at a time, the layer's units
 * (n &lt;= 2L) in two vectors held in registers:
 *
 * <pre>
 *   forward    Z[r, :]  = sum over the nonzeros x[r, j] of x[r, j] Wt[j, :]     one Wt row read per nonzero
 *   gradient   Gt[j, :] = fma(x[r, j], dZ[r, :], Gt[j, :])                       one Gt row updated per nonzero
 * </pre>
 *
 * Loaded only when {@link Backend#simd()} is true.
 */
final class VecSparse {
    private VecSparse() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    /** Per thread: one row's units, two vectors wide, on their way out (forward) or in (gradient). */
    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[2 * L]);

    /**
     * Z = X W^T for rows s .. s + rows - 1 of x (through index if not null), n &lt;= 2L units: one row at a
     * time, its units in two vectors held in registers times four partial sums (nonzeros 0, 4, 8, .. in
     * the first; 8 independent FMA chains), added at the end. Wt is k x ld, ld &gt;= 2L when n &gt; L.
     */
    static void productRows(SparseRows x, int[] index, int s, int rows, double[] wt, int ld, int n, double[] z) {
        int[] start = x.start;
        char[] col = x.col;
        double[] val = x.val;
        double[] out = ROW.get();
        boolean two = n > L;
        for (int r = 0; r < rows; r++) {
            int i = Sparse.row(index, s, r);
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            int p = start[i], e = start[i + 1];
            if (two) {
                for (; p + 3 < e; p += 4) {
                    int w0 = col[p] * ld, w1 = col[p + 1] * ld, w2 = col[p + 2] * ld, w3 = col[p + 3] * ld;
                    DoubleVector v0 = DoubleVector.broadcast(S, val[p]), v1 = DoubleVector.broadcast(S, val[p + 1]);
                    DoubleVector v2 = DoubleVector.broadcast(S, val[p + 2]), v3 = DoubleVector.broadcast(S, val[p + 3]);
                    a0 = DoubleVector.fromArray(S, wt, w0).fma(v0, a0);
                    b0 = DoubleVector.fromArray(S, wt, w0 + L).fma(v0, b0);
                    a1 = DoubleVector.fromArray(S, wt, w1).fma(v1, a1);
                    b1 = DoubleVector.fromArray(S, wt, w1 + L).fma(v1, b1);
                    a2 = DoubleVector.fromArray(S, wt, w2).fma(v2, a2);
                    b2 = DoubleVector.fromArray(S, wt, w2 + L).fma(v2, b2);
                    a3 = DoubleVector.fromArray(S, wt, w3).fma(v3, a3);
                    b3 = DoubleVector.fromArray(S, wt, w3 + L).fma(v3, b3);
                }
                for (; p < e; p++) {
                    int w0 = col[p] * ld;
                    DoubleVector v0 = DoubleVector.broadcast(S, val[p]);
                    a0 = DoubleVector.fromArray(S, wt, w0).fma(v0, a0);
                    b0 = DoubleVector.fromArray(S, wt, w0 + L).fma(v0, b0);
                }
            } else {
                for (; p + 3 < e; p += 4) {
                    a0 = DoubleVector.fromArray(S, wt, col[p] * ld).fma(DoubleVector.broadcast(S, val[p]), a0);
                    a1 = DoubleVector.fromArray(S, wt, col[p + 1] * ld).fma(DoubleVector.broadcast(S, val[p + 1]), a1);
                    a2 = DoubleVector.fromArray(S, wt, col[p + 2] * ld).fma(DoubleVector.broadcast(S, val[p + 2]), a2);
                    a3 = DoubleVector.fromArray(S, wt, col[p + 3] * ld).fma(DoubleVector.broadcast(S, val[p + 3]), a3);
                }
                for (; p < e; p++) {
                    a0 = DoubleVector.fromArray(S, wt, col[p] * ld).fma(DoubleVector.broadcast(S, val[p]), a0);
                }
            }
            a0.add(a1).add(a2.add(a3)).intoArray(out, 0);
            b0.add(b1).add(b2.add(b3)).intoArray(out, L);
            System.arraycopy(out, 0, z, r * n, n);
        }
    }

    /**
     * Gt += X^T dZ for rows s .. of x, n &lt;= 2L units: per row its dZ in two vectors (padded with zeros) held
     * in registers, and per nonzero x[r, j] one update of Gt's row j. In order over the rows. Gt is k x ld.
     */
    static void addTnRows(SparseRows x, int[] index, int s, int rows, double[] dz, int n, double[] gt, int ld) {
        int[] start = x.start;
        char[] col = x.col;
        double[] val = x.val;
        double[] in = ROW.get();
        java.util.Arrays.fill(in, 0.0);
        boolean two = n > L;
        for (int r = 0; r < rows; r++) {
            int i = Sparse.row(index, s, r);
            System.arraycopy(dz, r * n, in, 0, n);
            DoubleVector d0 = DoubleVector.fromArray(S, in, 0), d1 = DoubleVector.fromArray(S, in, L);
            if (two) {
                for (int p = start[i], e = start[i + 1]; p < e; p++) {
                    int g = col[p] * ld;
                    DoubleVector v = DoubleVector.broadcast(S, val[p]);
                    d0.fma(v, DoubleVector.fromArray(S, gt, g)).intoArray(gt, g);
                    d1.fma(v, DoubleVector.fromArray(S, gt, g + L)).intoArray(gt, g + L);
                }
            } else {
                for (int p = start[i], e = start[i + 1]; p < e; p++) {
                    int g = col[p] * ld;
                    d0.fma(DoubleVector.broadcast(S, val[p]), DoubleVector.fromArray(S, gt, g)).intoArray(gt, g);
                }
            }
        }
    }
}
