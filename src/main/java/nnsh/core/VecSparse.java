package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of {@link Sparse}'s products, over the column-sorted blocks of
 * {@link Sparse.Blocks}. For each inked input j of a block, a tile of 8 vectors (then 2, then 1) of its Wt
 * row (forward) or Gt row (gradient) is held in registers while the block's nonzeros in column j go past:
 *
 * <pre>
 *   forward    Z[r, tile]  = fma(x[r, j], Wt[j, tile], Z[r, tile])     Z of the block's 64 rows in L1
 *   gradient   Gt[j, tile] = fma(x[r, j], dZ[r, tile], Gt[j, tile])    dZ of the block's 64 rows in L1
 * </pre>
 *
 * The same in-order chains as the plain loops of {@link Sparse}, so the same bits. Rows have stride ld
 * (a whole number of vectors), and [c0, c1) is whole vectors. Loaded only when {@link Backend#simd()} is true.
 */
final class VecSparse {
    private VecSparse() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

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
            int i = index == null ? s + r : index[s + r];
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
            int i = index == null ? s + r : index[s + r];
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

    /** Columns [c0, c1) of Gt += X^T dZ for the rows of xb. */
    static void addTn(Sparse.Blocks xb, double[] dz, double[] gt, int ld, int c0, int c1) {
        int[] colFrom = xb.colFrom, cols = xb.cols, ptr = xb.ptr;
        byte[] row = xb.row;
        double[] val = xb.val;
        for (int b = 0; b < xb.blocks; b++) {
            int base = b * Sparse.BLOCK_ROWS;
            int c = c0;
            for (; c + 8 * L <= c1; c += 8 * L) {
                for (int cc = colFrom[b], ce = colFrom[b + 1]; cc < ce; cc++) {
                    int g = cols[cc] * ld + c;
                    DoubleVector g0 = DoubleVector.fromArray(S, gt, g);
                    DoubleVector g1 = DoubleVector.fromArray(S, gt, g + L);
                    DoubleVector g2 = DoubleVector.fromArray(S, gt, g + 2 * L);
                    DoubleVector g3 = DoubleVector.fromArray(S, gt, g + 3 * L);
                    DoubleVector g4 = DoubleVector.fromArray(S, gt, g + 4 * L);
                    DoubleVector g5 = DoubleVector.fromArray(S, gt, g + 5 * L);
                    DoubleVector g6 = DoubleVector.fromArray(S, gt, g + 6 * L);
                    DoubleVector g7 = DoubleVector.fromArray(S, gt, g + 7 * L);
                    for (int e = ptr[cc], ee = ptr[cc + 1]; e < ee; e++) {
                        DoubleVector v = DoubleVector.broadcast(S, val[e]);
                        int o = (base + row[e]) * ld + c;
                        g0 = DoubleVector.fromArray(S, dz, o).fma(v, g0);
                        g1 = DoubleVector.fromArray(S, dz, o + L).fma(v, g1);
                        g2 = DoubleVector.fromArray(S, dz, o + 2 * L).fma(v, g2);
                        g3 = DoubleVector.fromArray(S, dz, o + 3 * L).fma(v, g3);
                        g4 = DoubleVector.fromArray(S, dz, o + 4 * L).fma(v, g4);
                        g5 = DoubleVector.fromArray(S, dz, o + 5 * L).fma(v, g5);
                        g6 = DoubleVector.fromArray(S, dz, o + 6 * L).fma(v, g6);
                        g7 = DoubleVector.fromArray(S, dz, o + 7 * L).fma(v, g7);
                    }
                    g0.intoArray(gt, g);
                    g1.intoArray(gt, g + L);
                    g2.intoArray(gt, g + 2 * L);
                    g3.intoArray(gt, g + 3 * L);
                    g4.intoArray(gt, g + 4 * L);
                    g5.intoArray(gt, g + 5 * L);
                    g6.intoArray(gt, g + 6 * L);
                    g7.intoArray(gt, g + 7 * L);
                }
            }
            for (; c + 2 * L <= c1; c += 2 * L) {
                for (int cc = colFrom[b], ce = colFrom[b + 1]; cc < ce; cc++) {
                    int g = cols[cc] * ld + c;
                    DoubleVector g0 = DoubleVector.fromArray(S, gt, g);
                    DoubleVector g1 = DoubleVector.fromArray(S, gt, g + L);
                    for (int e = ptr[cc], ee = ptr[cc + 1]; e < ee; e++) {
                        DoubleVector v = DoubleVector.broadcast(S, val[e]);
                        int o = (base + row[e]) * ld + c;
                        g0 = DoubleVector.fromArray(S, dz, o).fma(v, g0);
                        g1 = DoubleVector.fromArray(S, dz, o + L).fma(v, g1);
                    }
                    g0.intoArray(gt, g);
                    g1.intoArray(gt, g + L);
                }
            }
            for (; c + L <= c1; c += L) {
                for (int cc = colFrom[b], ce = colFrom[b + 1]; cc < ce; cc++) {
                    int g = cols[cc] * ld + c;
                    DoubleVector g0 = DoubleVector.fromArray(S, gt, g);
                    for (int e = ptr[cc], ee = ptr[cc + 1]; e < ee; e++) {
                        DoubleVector v = DoubleVector.broadcast(S, val[e]);
                        int o = (base + row[e]) * ld + c;
                        g0 = DoubleVector.fromArray(S, dz, o).fma(v, g0);
                    }
                    g0.intoArray(gt, g);
                }
            }
        }
    }
}
