package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The vector part of {@link Tiny}: whole vectors of columns; loaded only when {@link Backend#simd()}. */
final class VecTiny {
    private VecTiny() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    /** Columns [0, n - n % L) of rows [i0, i1) of C; returns that count (the rest is left to the caller). */
    static int rows(int i0, int i1, int n, int k, double alpha, double[] a, int aOff, int lda, double[] bt,
                    double beta, double[] c, int cOff, int ldc) {
        int nv = n - n % L;
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) {
                DoubleVector s = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s = DoubleVector.broadcast(S, a[ai + p]).fma(DoubleVector.fromArray(S, bt, p * n + j), s);
                }
                s = s.mul(alpha);
                if (beta != 0) s = s.add(DoubleVector.fromArray(S, c, ci + j).mul(beta));
                s.intoArray(c, ci + j);
            }
        }
        return nv;
    }
}
