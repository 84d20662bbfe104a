package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with a small side, where the packed kernel of {@link VecGemm} wastes most of its 24-wide tile
 * and its packing costs as much as the multiply-adds. A layer with few units (784-10-10) needs two:
 *
 * <pre>
 *   forward   Z = A W^T     (NT, n = units <= 16): dot products vectorized along k, 4 rows x 5 units
 *   gradient  dW = dZ^T A   (TN, m = units <= 16): a 5-unit x 4-vector strip of dW kept in registers
 *                                                  while the block's rows stream past
 * </pre>
 *
 * Nothing is packed: the long operand (the activations) is read once, in place. Each element of C is a
 * fixed-order sum that depends only on the shape and the data, never on how rows or columns are split
 * over threads. Loaded only when {@link Backend#simd()} is true.
 */
final class VecSkinny {
    private VecSkinny() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    /** Per-thread scratch: lane sums of a tile, and the row offsets of the operands it reads. */
    private static final class Bufs {
        final double[] t = new double[20 * L];
        final int[] ar = new int[4];
        final int[] br = new int[5];
    }

    private static final ThreadLocal<Bufs> BUFS = ThreadLocal.withInitial(Bufs::new);

    // ---------------------------------------------------------------- NT: C = alpha A B^T + beta C, n small

    /** A is m x k (row-major, lda), B is n x k (ldb), C is m x n (ldc). */
    static void nt(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                   double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        int groups = (m + 3) / 4;
        int tasks = parallel ? Math.min(groups, 4 * Parallel.threads()) : 1;
        if (tasks <= 1) {
            ntRows(0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int per = (groups + tasks - 1) / tasks * 4;
        Parallel.forEach((m + per - 1) / per, t -> ntRows(t * per, Math.min(m, (t + 1) * per), n, k,
                alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /** Rows [i0, i1) of C. */
    private static void ntRows(int i0, int i1, int n, int k, double alpha, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        Bufs bufs = BUFS.get();
        double[] t = bufs.t;
        int kv = k - k % L;
        int[] ar = bufs.ar, br = bufs.br;
        for (int i = i0; i < i1; i += 4) {
            int rows = Math.min(4, i1 - i);
            // Rows and units past the end repeat the last one (computed, not stored): one kernel for every tail.
            for (int r = 0; r < 4; r++) ar[r] = aOff + Math.min(i + r, i1 - 1) * lda;
            for (int j = 0; j < n; j += 5) {
                int cols = Math.min(5, n - j);
                for (int q = 0; q < 5; q++) br[q] = bOff + Math.min(j + q, n - 1) * ldb;
                dot4x5(kv, a, ar[0], ar[1], ar[2], ar[3], b, br[0], br[1], br[2], br[3], br[4], t);
                finishNt(kv, k, a, ar, b, br, t, rows, cols, alpha, beta, c, cOff + i * ldc + j, ldc);
            }
        }
    }

    /** 4 rows x 5 units of dot products over [0, kv), lane sums left in t[(r * 5 + q) * L ..]. */
    private static void dot4x5(int kv, double[] a, int a0, int a1, int a2, int a3,
                               double[] b, int b0, int b1, int b2, int b3, int b4, double[] t) {
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s04 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00, s14 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s24 = s00;
        DoubleVector s30 = s00, s31 = s00, s32 = s00, s33 = s00, s34 = s00;
        for (int p = 0; p < kv; p += L) {
            DoubleVector w0 = DoubleVector.fromArray(S, b, b0 + p);
            DoubleVector w1 = DoubleVector.fromArray(S, b, b1 + p);
            DoubleVector w2 = DoubleVector.fromArray(S, b, b2 + p);
            DoubleVector w3 = DoubleVector.fromArray(S, b, b3 + p);
            DoubleVector w4 = DoubleVector.fromArray(S, b, b4 + p);
            DoubleVector x = DoubleVector.fromArray(S, a, a0 + p);
            s00 = x.fma(w0, s00);
            s01 = x.fma(w1, s01);
            s02 = x.fma(w2, s02);
            s03 = x.fma(w3, s03);
            s04 = x.fma(w4, s04);
            x = DoubleVector.fromArray(S, a, a1 + p);
            s10 = x.fma(w0, s10);
            s11 = x.fma(w1, s11);
            s12 = x.fma(w2, s12);
            s13 = x.fma(w3, s13);
            s14 = x.fma(w4, s14);
            x = DoubleVector.fromArray(S, a, a2 + p);
            s20 = x.fma(w0, s20);
            s21 = x.fma(w1, s21);
            s22 = x.fma(w2, s22);
            s23 = x.fma(w3, s23);
            s24 = x.fma(w4, s24);
            x = DoubleVector.fromArray(S, a, a3 + p);
            s30 = x.fma(w0, s30);
            s31 = x.fma(w1, s31);
            s32 = x.fma(w2, s32);
            s33 = x.fma(w3, s33);
            s34 = x.fma(w4, s34);
        }
        s00.intoArray(t, 0);
        s01.intoArray(t, L);
        s02.intoArray(t, 2 * L);
        s03.intoArray(t, 3 * L);
        s04.intoArray(t, 4 * L);
        s10.intoArray(t, 5 * L);
        s11.intoArray(t, 6 * L);
        s12.intoArray(t, 7 * L);
        s13.intoArray(t, 8 * L);
        s14.intoArray(t, 9 * L);
        s20.intoArray(t, 10 * L);
        s21.intoArray(t, 11 * L);
        s22.intoArray(t, 12 * L);
        s23.intoArray(t, 13 * L);
        s24.intoArray(t, 14 * L);
        s30.intoArray(t, 15 * L);
        s31.intoArray(t, 16 * L);
        s32.intoArray(t, 17 * L);
        s33.intoArray(t, 18 * L);
        s34.intoArray(t, 19 * L);
    }

    /** Lane sums (in lane order), the k tail [kv, k), then C = alpha s + beta C on the rows x cols inside C. */
    private static void finishNt(int kv, int k, double[] a, int[] ar, double[] b, int[] br, double[] t,
                                 int rows, int cols, double alpha, double beta, double[] c, int ci, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                int base = (r * 5 + q) * L;
                double s = t[base];
                for (int l = 1; l < L; l++) s += t[base + l];
                for (int p = kv, x = ar[r] + kv, y = br[q] + kv; p < k; p++) s = Math.fma(a[x++], b[y++], s);
                PlainGemm.put(c, ci + r * ldc + q, s, alpha, beta);
            }
        }
    }

    // ---------------------------------------------------------------- TN: C = alpha A^T B + beta C, m small

    /** A is k x m (lda), B is k x n (ldb), C is m x n (ldc). */
    static void tn(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                   double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        int nr = 4 * L;
        int strips = (n + nr - 1) / nr;
        int tasks = parallel ? Math.min(strips, 4 * Parallel.threads()) : 1;
        if (tasks <= 1) {
            tnCols(0, n, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int per = (strips + tasks - 1) / tasks * nr;
        Parallel.forEach((n + per - 1) / per, t -> tnCols(t * per, Math.min(n, (t + 1) * per), m, k,
                alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /** Columns [j0, j1) of C: strips of 4 vectors, then single vectors, then scalars. */
    private static void tnCols(int j0, int j1, int m, int k, double alpha, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        double[] t = BUFS.get().t;
        int nr = 4 * L;
        int j = j0;
        for (; j + nr <= j1; j += nr) {
            for (int o = 0; o < m; o += 5) {
                tn5x4(k, m, o, a, aOff, lda, b, bOff + j, ldb, t);
                storeTile(t, 0, 4, Math.min(5, m - o), alpha, beta, c, cOff + o * ldc + j, ldc);
            }
        }
        for (; j + L <= j1; j += L) {
            for (int o = 0; o < m; o += 5) {
                tn5x1(k, m, o, a, aOff, lda, b, bOff + j, ldb, t);
                storeTile(t, 0, 1, Math.min(5, m - o), alpha, beta, c, cOff + o * ldc + j, ldc);
            }
        }
        for (; j < j1; j++) {
            for (int o = 0; o < m; o++) {
                double s = 0;
                for (int p = 0, ai = aOff + o, bi = bOff + j; p < k; p++, ai += lda, bi += ldb) {
                    s = Math.fma(a[ai], b[bi], s);
                }
                PlainGemm.put(c, cOff + o * ldc + j, s, alpha, beta);
            }
        }
    }

    /** Units o .. o+4 (past m repeats the last) x 4 vectors of columns at b[bi ..], summed over k rows. */
    private static void tn5x4(int k, int m, int o, double[] a, int aOff, int lda, double[] b, int bi, int ldb,
                              double[] t) {
        int o0 = aOff + o, o1 = aOff + Math.min(o + 1, m - 1), o2 = aOff + Math.min(o + 2, m - 1);
        int o3 = aOff + Math.min(o + 3, m - 1), o4 = aOff + Math.min(o + 4, m - 1);
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        DoubleVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        for (int p = 0, ar = 0; p < k; p++, ar += lda, bi += ldb) {
            DoubleVector x0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector x1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector x3 = DoubleVector.fromArray(S, b, bi + 3 * L);
            DoubleVector g = DoubleVector.broadcast(S, a[o0 + ar]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = DoubleVector.broadcast(S, a[o1 + ar]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = DoubleVector.broadcast(S, a[o2 + ar]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = DoubleVector.broadcast(S, a[o3 + ar]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
            g = DoubleVector.broadcast(S, a[o4 + ar]);
            c40 = g.fma(x0, c40);
            c41 = g.fma(x1, c41);
            c42 = g.fma(x2, c42);
            c43 = g.fma(x3, c43);
        }
        int w = 4 * L;
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c02.intoArray(t, 2 * L);
        c03.intoArray(t, 3 * L);
        c10.intoArray(t, w);
        c11.intoArray(t, w + L);
        c12.intoArray(t, w + 2 * L);
        c13.intoArray(t, w + 3 * L);
        c20.intoArray(t, 2 * w);
        c21.intoArray(t, 2 * w + L);
        c22.intoArray(t, 2 * w + 2 * L);
        c23.intoArray(t, 2 * w + 3 * L);
        c30.intoArray(t, 3 * w);
        c31.intoArray(t, 3 * w + L);
        c32.intoArray(t, 3 * w + 2 * L);
        c33.intoArray(t, 3 * w + 3 * L);
        c40.intoArray(t, 4 * w);
        c41.intoArray(t, 4 * w + L);
        c42.intoArray(t, 4 * w + 2 * L);
        c43.intoArray(t, 4 * w + 3 * L);
    }

    /** Units o .. o+4 x one vector of columns. */
    private static void tn5x1(int k, int m, int o, double[] a, int aOff, int lda, double[] b, int bi, int ldb,
                              double[] t) {
        int o0 = aOff + o, o1 = aOff + Math.min(o + 1, m - 1), o2 = aOff + Math.min(o + 2, m - 1);
        int o3 = aOff + Math.min(o + 3, m - 1), o4 = aOff + Math.min(o + 4, m - 1);
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0;
        for (int p = 0, ar = 0; p < k; p++, ar += lda, bi += ldb) {
            DoubleVector x = DoubleVector.fromArray(S, b, bi);
            c0 = DoubleVector.broadcast(S, a[o0 + ar]).fma(x, c0);
            c1 = DoubleVector.broadcast(S, a[o1 + ar]).fma(x, c1);
            c2 = DoubleVector.broadcast(S, a[o2 + ar]).fma(x, c2);
            c3 = DoubleVector.broadcast(S, a[o3 + ar]).fma(x, c3);
            c4 = DoubleVector.broadcast(S, a[o4 + ar]).fma(x, c4);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
    }

    /**
     * A tile of sums into C, shared by the packed, skinny and tiny kernels: rows x vecs vectors from t[to ..]
     * (row stride vecs * L) to C's rows ci, ci + ldc, ..: C = alpha t + beta C.
     */
    static void storeTile(double[] t, int to, int vecs, int rows, double alpha, double beta,
                          double[] c, int ci, int ldc) {
        int w = vecs * L;
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int v = 0; v < w; v += L) {
                DoubleVector x = DoubleVector.fromArray(S, t, to + r * w + v).mul(alpha);
                if (beta != 0) x = x.add(DoubleVector.fromArray(S, c, row + v).mul(beta));
                x.intoArray(c, row + v);
            }
        }
    }
}
