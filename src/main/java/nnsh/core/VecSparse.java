package nnsh.core;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of {@link Sparse}'s products: one block of a row is one vector, and a group's 10
 * units are 10 vectors in registers (sums in the forward, dZ broadcasts in the gradient):
 *
 * <pre>
 *   forward    a_u += W[u, b] * x[r, b]              10 loads, 10 FMAs per block; lanes added at the row's end
 *   gradient   G[u, b] = x[r, b] * dZ[r, u] + G[u, b]  10 loads, FMAs and stores per block
 * </pre>
 *
 * The table's 10 vectors of a block are at fixed distances from one index, so the JIT merges their ten
 * bounds checks into two (see productRows for how the index must be written). Each product
 * turns a block's codes into doubles itself ({@link #entry}: a load, a widening and an FMA), which the loads
 * and stores of the 10 table vectors leave room for. Loaded only when {@link Backend#simd()} is true.
 */
final class VecSparse {
    private VecSparse() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();
    /** Doubles per block of a table: a group's 10 vectors. */
    private static final int STEP = Sparse.GROUP * L;
    /** Eight codes at a time, the first L of them turned into doubles. */
    private static final VectorSpecies<Byte> CODES = ByteVector.SPECIES_64;

    /** Entries [p0, p1) of x's values into out[o ..], as the products read them ({@link #entry}); for tests. */
    static void values(SparseRows x, int p0, int p1, double[] out, int o) {
        DoubleVector s = DoubleVector.broadcast(S, x.scale), off = DoubleVector.broadcast(S, 128 * x.scale);
        for (int e = p0; e < p1; e++, o += L) entry(x.code, x.val, e, s, off).intoArray(out, o);
    }

    /**
     * Entry e's values: its codes c = k - 128 as c * s + 128 s (one rounding of the exact (c + 128) s, so the
     * same bits as the plain path's (c + 128) * s), or its doubles when there are no codes. s and off are
     * the scale and 128 times it. Small enough for the JIT to inline: a vector returned from a call that is
     * not inlined would be boxed. The code array has 8 bytes of padding at its end, so a load of 8 codes at
     * the last entry stays inside.
     */
    private static DoubleVector entry(byte[] code, double[] val, int e, DoubleVector s, DoubleVector off) {
        if (code == null) return DoubleVector.fromArray(S, val, Sparse.ALIGN + e * L);
        return ((DoubleVector) ByteVector.fromArray(CODES, code, e * L).convertShape(VectorOperators.B2D, S, 0)).fma(s, off);
    }

    /** Per thread: a group's sums, a vector per unit, for the pairwise adds of the lanes. */
    private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[STEP]);

    /** Z = X W^T for the chunk's rows: per group, per row, 10 vector sums over the row's blocks. */
    static void productRows(Sparse.Chunk c, double[] table, int n, int nb, double[] z) {
        int[] from = c.from, to = c.to;
        char[] blk = c.x.blk;
        byte[] code = c.x.code;
        double[] val = c.x.val, lanes = LANES.get();
        DoubleVector s = DoubleVector.broadcast(S, c.x.scale), off = DoubleVector.broadcast(S, 128 * c.x.scale);
        int groups = Sparse.groups(n);
        for (int g = 0; g < groups; g++) {
            // Block b of group g is block g nb + b of the table: its vectors at ALIGN + (g nb + b) STEP + k L. Written
            // so, the JIT sees ten offsets of one index and merges their bounds checks into two; with the group's
            // start added as a separate term it kept five (W1 9.9-11.0 ms against 9.3-10.2, alternating).
            int first = g * nb;
            for (int r = 0; r < c.rows; r++) {
                int e0 = from[r], e1 = to[r];
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
                        a8 = a0, a9 = a0;
                for (int e = e0; e < e1; e++) {
                    DoubleVector x = entry(code, val, e, s, off);
                    int o = Sparse.ALIGN + (first + blk[e]) * STEP;
                    a0 = DoubleVector.fromArray(S, table, o).fma(x, a0);
                    a1 = DoubleVector.fromArray(S, table, o + L).fma(x, a1);
                    a2 = DoubleVector.fromArray(S, table, o + 2 * L).fma(x, a2);
                    a3 = DoubleVector.fromArray(S, table, o + 3 * L).fma(x, a3);
                    a4 = DoubleVector.fromArray(S, table, o + 4 * L).fma(x, a4);
                    a5 = DoubleVector.fromArray(S, table, o + 5 * L).fma(x, a5);
                    a6 = DoubleVector.fromArray(S, table, o + 6 * L).fma(x, a6);
                    a7 = DoubleVector.fromArray(S, table, o + 7 * L).fma(x, a7);
                    a8 = DoubleVector.fromArray(S, table, o + 8 * L).fma(x, a8);
                    a9 = DoubleVector.fromArray(S, table, o + 9 * L).fma(x, a9);
                }
                a0.intoArray(lanes, 0);
                a1.intoArray(lanes, L);
                a2.intoArray(lanes, 2 * L);
                a3.intoArray(lanes, 3 * L);
                a4.intoArray(lanes, 4 * L);
                a5.intoArray(lanes, 5 * L);
                a6.intoArray(lanes, 6 * L);
                a7.intoArray(lanes, 7 * L);
                a8.intoArray(lanes, 8 * L);
                a9.intoArray(lanes, 9 * L);
                for (int u = 0, units = Math.min(Sparse.GROUP, n - g * Sparse.GROUP); u < units; u++) {
                    z[r * n + g * Sparse.GROUP + u] = Sparse.pairwise(lanes, u * L, L);
                }
            }
        }
    }

    /** G += dZ^T X for the chunk's rows: per group, per row, dZ's 10 units broadcast, 10 table updates a block. */
    static void addTnRows(Sparse.Chunk c, double[] dz, int n, int nb, double[] g) {
        int[] from = c.from, to = c.to;
        char[] blk = c.x.blk;
        byte[] code = c.x.code;
        double[] val = c.x.val;
        DoubleVector s = DoubleVector.broadcast(S, c.x.scale), off = DoubleVector.broadcast(S, 128 * c.x.scale);
        for (int gr = 0; gr < Sparse.groups(n); gr++) {
            int first = gr * nb, units = Math.min(Sparse.GROUP, n - gr * Sparse.GROUP);   // as in productRows
            for (int r = 0; r < c.rows; r++) {
                int e0 = from[r], e1 = to[r], d = r * n + gr * Sparse.GROUP;
                // A group's units past n are zero rows of the table: they get x * 0 and stay zero.
                DoubleVector d0 = DoubleVector.broadcast(S, unit(dz, d, 0, units)),
                        d1 = DoubleVector.broadcast(S, unit(dz, d, 1, units)),
                        d2 = DoubleVector.broadcast(S, unit(dz, d, 2, units)),
                        d3 = DoubleVector.broadcast(S, unit(dz, d, 3, units)),
                        d4 = DoubleVector.broadcast(S, unit(dz, d, 4, units)),
                        d5 = DoubleVector.broadcast(S, unit(dz, d, 5, units)),
                        d6 = DoubleVector.broadcast(S, unit(dz, d, 6, units)),
                        d7 = DoubleVector.broadcast(S, unit(dz, d, 7, units)),
                        d8 = DoubleVector.broadcast(S, unit(dz, d, 8, units)),
                        d9 = DoubleVector.broadcast(S, unit(dz, d, 9, units));
                for (int e = e0; e < e1; e++) {
                    DoubleVector x = entry(code, val, e, s, off);
                    int o = Sparse.ALIGN + (first + blk[e]) * STEP;
                    x.fma(d0, DoubleVector.fromArray(S, g, o)).intoArray(g, o);
                    x.fma(d1, DoubleVector.fromArray(S, g, o + L)).intoArray(g, o + L);
                    x.fma(d2, DoubleVector.fromArray(S, g, o + 2 * L)).intoArray(g, o + 2 * L);
                    x.fma(d3, DoubleVector.fromArray(S, g, o + 3 * L)).intoArray(g, o + 3 * L);
                    x.fma(d4, DoubleVector.fromArray(S, g, o + 4 * L)).intoArray(g, o + 4 * L);
                    x.fma(d5, DoubleVector.fromArray(S, g, o + 5 * L)).intoArray(g, o + 5 * L);
                    x.fma(d6, DoubleVector.fromArray(S, g, o + 6 * L)).intoArray(g, o + 6 * L);
                    x.fma(d7, DoubleVector.fromArray(S, g, o + 7 * L)).intoArray(g, o + 7 * L);
                    x.fma(d8, DoubleVector.fromArray(S, g, o + 8 * L)).intoArray(g, o + 8 * L);
                    x.fma(d9, DoubleVector.fromArray(S, g, o + 9 * L)).intoArray(g, o + 9 * L);
                }
            }
        }
    }

    /** dZ of unit u of a group (dz[d + u]), or 0 past the layer's units. A double, not a vector: a vector
     * returned from a method the JIT does not inline is boxed. */
    private static double unit(double[] dz, int d, int u, int units) {
        return u < units ? dz[d + u] : 0.0;
    }
}
