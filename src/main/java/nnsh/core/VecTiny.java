package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector part of {@link Tiny}: four rows of C at a time, over panels of one or two vectors of columns,
 * so that 4 to 8 FMA chains run side by side (a 10-column C is one panel on 8 lanes, two on 4); loaded only
 * when {@link Backend#simd()}.
 */
final class VecTiny {
    private VecTiny() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    /** Per thread: four rows' sums, two vectors each, on their way to C. */
    private static final ThreadLocal<double[]> SUMS = ThreadLocal.withInitial(() -> new double[8 * L]);

    /**
     * Rows [i0, i0 + 4q) of C, for as many whole groups of 4 rows as there are; returns the first row not
     * done (the rest is left to the caller). Each element is the same in-order FMA chain over p = 0 .. k-1
     * as the plain loop's.
     */
    static int rows(int i0, int i1, int n, int k, double alpha, double[] a, int aOff, int lda, double[] bt, int ldt,
                    double beta, double[] c, int cOff, int ldc) {
        double[] sums = SUMS.get();
        int i = i0;
        // The kernels are separate small methods that write their sums to an array: a vector that crosses a
        // call the JIT does not inline, or lives in a method too large to compile whole, is boxed on the
        // heap (AllocationTest saw 0.6-5 MB an iteration of W1 that way).
        for (; i + 4 <= i1; i += 4) {
            for (int j = 0; j < n; j += 2 * L) {   // panels of two vectors of columns, the last maybe one
                boolean two = ldt - j >= 2 * L;
                if (two) four2(k, a, aOff + i * lda, lda, bt, j, ldt, sums);
                else four1(k, a, aOff + i * lda, lda, bt, j, ldt, sums);
                int ci = cOff + i * ldc + j, cols = Math.min(n - j, 2 * L);
                for (int r = 0; r < 4; r++) store(sums, 2 * r * L, cols, alpha, beta, c, ci + r * ldc);
            }
        }
        return i;
    }

    /** Four rows of A from a0 (lda apart), columns j0 .. j0 + 2L of the table: the sums of row r at sums[2rL ..]. */
    private static void four2(int k, double[] a, int a0, int lda, double[] bt, int j0, int ldt, double[] sums) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bt, j0 + p * ldt), b1 = DoubleVector.fromArray(S, bt, j0 + p * ldt + L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]), x1 = DoubleVector.broadcast(S, a[a1 + p]);
            DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]), x3 = DoubleVector.broadcast(S, a[a3 + p]);
            s0 = x0.fma(b0, s0);
            t0 = x0.fma(b1, t0);
            s1 = x1.fma(b0, s1);
            t1 = x1.fma(b1, t1);
            s2 = x2.fma(b0, s2);
            t2 = x2.fma(b1, t2);
            s3 = x3.fma(b0, s3);
            t3 = x3.fma(b1, t3);
        }
        s0.intoArray(sums, 0);
        t0.intoArray(sums, L);
        s1.intoArray(sums, 2 * L);
        t1.intoArray(sums, 3 * L);
        s2.intoArray(sums, 4 * L);
        t2.intoArray(sums, 5 * L);
        s3.intoArray(sums, 6 * L);
        t3.intoArray(sums, 7 * L);
    }

    /** Four rows, one vector of columns (j0 .. j0 + L). */
    private static void four1(int k, double[] a, int a0, int lda, double[] bt, int j0, int ldt, double[] sums) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bt, j0 + p * ldt);
            s0 = DoubleVector.broadcast(S, a[a0 + p]).fma(b0, s0);
            s1 = DoubleVector.broadcast(S, a[a1 + p]).fma(b0, s1);
            s2 = DoubleVector.broadcast(S, a[a2 + p]).fma(b0, s2);
            s3 = DoubleVector.broadcast(S, a[a3 + p]).fma(b0, s3);
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, 2 * L);
        s2.intoArray(sums, 4 * L);
        s3.intoArray(sums, 6 * L);
    }

    /** C's row at ci = alpha sums[o ..] + beta C, columns [0, cols): whole vectors as such, the rest one by one. */
    private static void store(double[] sums, int o, int cols, double alpha, double beta, double[] c, int ci) {
        int whole = cols - cols % L;
        if (whole > 0) VecSkinny.storeTile(sums, o, whole / L, 1, alpha, beta, c, ci, 0);
        for (int j = whole; j < cols; j++) PlainGemm.put(c, ci + j, sums[o + j], alpha, beta);
    }
}
