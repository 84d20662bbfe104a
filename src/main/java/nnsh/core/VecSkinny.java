package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with a small side, where the packed kernel of {@link VecGemm} wastes most of its 24-wide tile
 * and its packing costs as much as the multiply-adds. A layer with few units (784-10-10) needs two:
 *
 * <pre>
 *   forward   Z = A W^T     (NT, n = units <= 16): dot products, vectorized along k
 *   gradient  dW = dZ^T A   (TN, m = units <= 16): a strip of dW for several units kept in registers
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

    /** Widest small side these kernels take. */
    static final int MAX = 16;

    private static final ThreadLocal<double[]> TMP = ThreadLocal.withInitial(() -> new double[18 * L]);

    // ---------------------------------------------------------------- NT: C = alpha A B^T + beta C, n small

    /** A is m x k (row-major, lda), B is n x k (ldb), C is m x n (ldc). */
    static void nt(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                   double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        int groups = (m + 3) / 4;
        int tasks = parallel ? Math.min(groups, 4 * Parallel.threads()) : 1;
        if (tasks <= 1) {
            ntRows(0, m, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int per = (groups + tasks - 1) / tasks * 4;
        Parallel.forEach((m + per - 1) / per, t -> ntRows(t * per, Math.min(m, (t + 1) * per), m, n, k,
                alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /** Rows [i0, i1) of C. */
    private static void ntRows(int i0, int i1, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        double[] t = TMP.get();
        int kv = k - k % L;
        for (int i = i0; i < i1; i += 4) {
            int rows = Math.min(4, i1 - i);
            // Rows past the end repeat the last row (computed, not stored): one kernel for every tail.
            int a0 = aOff + i * lda;
            int a1 = aOff + Math.min(i + 1, i1 - 1) * lda;
            int a2 = aOff + Math.min(i + 2, i1 - 1) * lda;
            int a3 = aOff + Math.min(i + 3, i1 - 1) * lda;
            for (int j = 0; j < n; j += 3) {
                int cols = Math.min(3, n - j);
                int b0 = bOff + j * ldb;
                int b1 = bOff + Math.min(j + 1, n - 1) * ldb;
                int b2 = bOff + Math.min(j + 2, n - 1) * ldb;
                dot4x3(kv, a, a0, a1, a2, a3, b, b0, b1, b2, t);
                finishNt(kv, k, a, a0, a1, a2, a3, b, b0, b1, b2, t, rows, cols, alpha, beta,
                        c, cOff + i * ldc + j, ldc);
            }
        }
    }

    /** 4 rows x 3 columns of dot products over [0, kv), lane sums left in t[(r * 3 + q) * L ..]. */
    private static void dot4x3(int kv, double[] a, int a0, int a1, int a2, int a3,
                               double[] b, int b0, int b1, int b2, double[] t) {
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s02 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00;
        DoubleVector s30 = s00, s31 = s00, s32 = s00;
        for (int p = 0; p < kv; p += L) {
            DoubleVector w0 = DoubleVector.fromArray(S, b, b0 + p);
            DoubleVector w1 = DoubleVector.fromArray(S, b, b1 + p);
            DoubleVector w2 = DoubleVector.fromArray(S, b, b2 + p);
            DoubleVector x = DoubleVector.fromArray(S, a, a0 + p);
            s00 = x.fma(w0, s00);
            s01 = x.fma(w1, s01);
            s02 = x.fma(w2, s02);
            x = DoubleVector.fromArray(S, a, a1 + p);
            s10 = x.fma(w0, s10);
            s11 = x.fma(w1, s11);
            s12 = x.fma(w2, s12);
            x = DoubleVector.fromArray(S, a, a2 + p);
            s20 = x.fma(w0, s20);
            s21 = x.fma(w1, s21);
            s22 = x.fma(w2, s22);
            x = DoubleVector.fromArray(S, a, a3 + p);
            s30 = x.fma(w0, s30);
            s31 = x.fma(w1, s31);
            s32 = x.fma(w2, s32);
        }
        s00.intoArray(t, 0);
        s01.intoArray(t, L);
        s02.intoArray(t, 2 * L);
        s10.intoArray(t, 3 * L);
        s11.intoArray(t, 4 * L);
        s12.intoArray(t, 5 * L);
        s20.intoArray(t, 6 * L);
        s21.intoArray(t, 7 * L);
        s22.intoArray(t, 8 * L);
        s30.intoArray(t, 9 * L);
        s31.intoArray(t, 10 * L);
        s32.intoArray(t, 11 * L);
    }

    /** Lane sums (in lane order), the k tail [kv, k), then C = alpha s + beta C on the rows x cols inside C. */
    private static void finishNt(int kv, int k, double[] a, int a0, int a1, int a2, int a3,
                                 double[] b, int b0, int b1, int b2, double[] t, int rows, int cols,
                                 double alpha, double beta, double[] c, int ci, int ldc) {
        for (int r = 0; r < rows; r++) {
            int ar = r == 0 ? a0 : r == 1 ? a1 : r == 2 ? a2 : a3;
            for (int q = 0; q < cols; q++) {
                int bq = q == 0 ? b0 : q == 1 ? b1 : b2;
                int base = (r * 3 + q) * L;
                double s = t[base];
                for (int l = 1; l < L; l++) s += t[base + l];
                for (int p = kv; p < k; p++) s = Math.fma(a[ar + p], b[bq + p], s);
                int at = ci + r * ldc + q;
                c[at] = beta == 0 ? alpha * s : alpha * s + beta * c[at];
            }
        }
    }

    // ---------------------------------------------------------------- TN: C = alpha A^T B + beta C, m small

    /** A is k x m (lda), B is k x n (ldb), C is m x n (ldc). */
    static void tn(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                   double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc, boolean parallel) {
        int nr = 3 * L;
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

    /** Columns [j0, j1) of C: strips of 3 vectors, then single vectors, then scalars. */
    private static void tnCols(int j0, int j1, int m, int k, double alpha, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        double[] t = TMP.get();
        int nr = 3 * L;
        int j = j0;
        for (; j + nr <= j1; j += nr) {
            for (int o = 0; o < m; o += 6) {
                tn6x3(k, m, o, a, aOff, lda, b, bOff + j, ldb, t);
                storeTn(t, 3, Math.min(6, m - o), alpha, beta, c, cOff + o * ldc + j, ldc);
            }
        }
        for (; j + L <= j1; j += L) {
            for (int o = 0; o < m; o += 6) {
                tn6x1(k, m, o, a, aOff, lda, b, bOff + j, ldb, t);
                storeTn(t, 1, Math.min(6, m - o), alpha, beta, c, cOff + o * ldc + j, ldc);
            }
        }
        for (; j < j1; j++) {
            for (int o = 0; o < m; o++) {
                double s = 0;
                for (int p = 0, ai = aOff + o, bi = bOff + j; p < k; p++, ai += lda, bi += ldb) {
                    s = Math.fma(a[ai], b[bi], s);
                }
                int at = cOff + o * ldc + j;
                c[at] = beta == 0 ? alpha * s : alpha * s + beta * c[at];
            }
        }
    }

    /** Units o .. o+5 (past m repeats the last) x 3 vectors of columns at b[bi ..], summed over k rows. */
    private static void tn6x3(int k, int m, int o, double[] a, int aOff, int lda, double[] b, int bi, int ldb,
                              double[] t) {
        int o0 = aOff + o, o1 = aOff + Math.min(o + 1, m - 1), o2 = aOff + Math.min(o + 2, m - 1);
        int o3 = aOff + Math.min(o + 3, m - 1), o4 = aOff + Math.min(o + 4, m - 1), o5 = aOff + Math.min(o + 5, m - 1);
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00;
        DoubleVector c40 = c00, c41 = c00, c42 = c00;
        DoubleVector c50 = c00, c51 = c00, c52 = c00;
        for (int p = 0, ar = 0; p < k; p++, ar += lda, bi += ldb) {
            DoubleVector x0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector x1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector g = DoubleVector.broadcast(S, a[o0 + ar]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            g = DoubleVector.broadcast(S, a[o1 + ar]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            g = DoubleVector.broadcast(S, a[o2 + ar]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            g = DoubleVector.broadcast(S, a[o3 + ar]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            g = DoubleVector.broadcast(S, a[o4 + ar]);
            c40 = g.fma(x0, c40);
            c41 = g.fma(x1, c41);
            c42 = g.fma(x2, c42);
            g = DoubleVector.broadcast(S, a[o5 + ar]);
            c50 = g.fma(x0, c50);
            c51 = g.fma(x1, c51);
            c52 = g.fma(x2, c52);
        }
        int w = 3 * L;
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c02.intoArray(t, 2 * L);
        c10.intoArray(t, w);
        c11.intoArray(t, w + L);
        c12.intoArray(t, w + 2 * L);
        c20.intoArray(t, 2 * w);
        c21.intoArray(t, 2 * w + L);
        c22.intoArray(t, 2 * w + 2 * L);
        c30.intoArray(t, 3 * w);
        c31.intoArray(t, 3 * w + L);
        c32.intoArray(t, 3 * w + 2 * L);
        c40.intoArray(t, 4 * w);
        c41.intoArray(t, 4 * w + L);
        c42.intoArray(t, 4 * w + 2 * L);
        c50.intoArray(t, 5 * w);
        c51.intoArray(t, 5 * w + L);
        c52.intoArray(t, 5 * w + 2 * L);
    }

    /** Units o .. o+5 x one vector of columns. */
    private static void tn6x1(int k, int m, int o, double[] a, int aOff, int lda, double[] b, int bi, int ldb,
                              double[] t) {
        int o0 = aOff + o, o1 = aOff + Math.min(o + 1, m - 1), o2 = aOff + Math.min(o + 2, m - 1);
        int o3 = aOff + Math.min(o + 3, m - 1), o4 = aOff + Math.min(o + 4, m - 1), o5 = aOff + Math.min(o + 5, m - 1);
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        for (int p = 0, ar = 0; p < k; p++, ar += lda, bi += ldb) {
            DoubleVector x = DoubleVector.fromArray(S, b, bi);
            c0 = DoubleVector.broadcast(S, a[o0 + ar]).fma(x, c0);
            c1 = DoubleVector.broadcast(S, a[o1 + ar]).fma(x, c1);
            c2 = DoubleVector.broadcast(S, a[o2 + ar]).fma(x, c2);
            c3 = DoubleVector.broadcast(S, a[o3 + ar]).fma(x, c3);
            c4 = DoubleVector.broadcast(S, a[o4 + ar]).fma(x, c4);
            c5 = DoubleVector.broadcast(S, a[o5 + ar]).fma(x, c5);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
        c5.intoArray(t, 5 * L);
    }

    /** C rows (units) 0 .. units-1 x vecs vectors from t (row stride vecs * L): C = alpha t + beta C. */
    private static void storeTn(double[] t, int vecs, int units, double alpha, double beta,
                                double[] c, int ci, int ldc) {
        int w = vecs * L;
        for (int r = 0; r < units; r++) {
            int row = ci + r * ldc;
            for (int v = 0; v < w; v += L) {
                DoubleVector x = DoubleVector.fromArray(S, t, r * w + v).mul(alpha);
                if (beta != 0) x = x.add(DoubleVector.fromArray(S, c, row + v).mul(beta));
                x.intoArray(c, row + v);
            }
        }
    }
}
