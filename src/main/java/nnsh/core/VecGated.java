package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gated} on the Vector API: tiles of 4 rows x 4 vectors of C in 16 registers; for each p, 4
 * broadcasts of A and 4 vectors of B's row p (B, k x n with k small, stays in L2). Column tails run one
 * vector at a time, then scalar. Loaded only when {@link Backend#simd()} is true.
 */
final class VecGated {
    private VecGated() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    static void rows(int i0, int i1, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) tile4x4(i, j, n, k, a, b, g, c);
            for (; j + L <= n; j += L) {
                for (int r = i; r < i + 4; r++) vector(r, j, n, k, a, b, g, c);
            }
            for (; j < n; j++) {
                for (int r = i; r < i + 4; r++) Gated.element(r, j, n, k, a, b, g, c);
            }
        }
        for (; i < i1; i++) {
            int j = 0;
            for (; j + L <= n; j += L) vector(i, j, n, k, a, b, g, c);
            for (; j < n; j++) Gated.element(i, j, n, k, a, b, g, c);
        }
    }

    private static void tile4x4(int i, int j, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0, bi = j; p < k; p++, bi += n) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bi + 3 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // The mask and the store written out here: a vector handed to a method the JIT does not inline
        // becomes a heap object (one allocation per store).
        DoubleVector zero = DoubleVector.zero(S);
        int r0 = i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        zero.blend(c00, DoubleVector.fromArray(S, g, r0).compare(VectorOperators.GT, 0.0)).intoArray(c, r0);
        zero.blend(c01, DoubleVector.fromArray(S, g, r0 + L).compare(VectorOperators.GT, 0.0)).intoArray(c, r0 + L);
        zero.blend(c02, DoubleVector.fromArray(S, g, r0 + 2 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r0 + 2 * L);
        zero.blend(c03, DoubleVector.fromArray(S, g, r0 + 3 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r0 + 3 * L);
        zero.blend(c10, DoubleVector.fromArray(S, g, r1).compare(VectorOperators.GT, 0.0)).intoArray(c, r1);
        zero.blend(c11, DoubleVector.fromArray(S, g, r1 + L).compare(VectorOperators.GT, 0.0)).intoArray(c, r1 + L);
        zero.blend(c12, DoubleVector.fromArray(S, g, r1 + 2 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r1 + 2 * L);
        zero.blend(c13, DoubleVector.fromArray(S, g, r1 + 3 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r1 + 3 * L);
        zero.blend(c20, DoubleVector.fromArray(S, g, r2).compare(VectorOperators.GT, 0.0)).intoArray(c, r2);
        zero.blend(c21, DoubleVector.fromArray(S, g, r2 + L).compare(VectorOperators.GT, 0.0)).intoArray(c, r2 + L);
        zero.blend(c22, DoubleVector.fromArray(S, g, r2 + 2 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r2 + 2 * L);
        zero.blend(c23, DoubleVector.fromArray(S, g, r2 + 3 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r2 + 3 * L);
        zero.blend(c30, DoubleVector.fromArray(S, g, r3).compare(VectorOperators.GT, 0.0)).intoArray(c, r3);
        zero.blend(c31, DoubleVector.fromArray(S, g, r3 + L).compare(VectorOperators.GT, 0.0)).intoArray(c, r3 + L);
        zero.blend(c32, DoubleVector.fromArray(S, g, r3 + 2 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r3 + 2 * L);
        zero.blend(c33, DoubleVector.fromArray(S, g, r3 + 3 * L).compare(VectorOperators.GT, 0.0)).intoArray(c, r3 + 3 * L);
    }

    private static void vector(int i, int j, int n, int k, double[] a, double[] b, double[] g, double[] c) {
        DoubleVector s = DoubleVector.zero(S);
        for (int p = 0, bi = j; p < k; p++, bi += n) {
            s = DoubleVector.broadcast(S, a[i * k + p]).fma(DoubleVector.fromArray(S, b, bi), s);
        }
        int at = i * n + j;
        DoubleVector.zero(S).blend(s, DoubleVector.fromArray(S, g, at).compare(VectorOperators.GT, 0.0)).intoArray(c, at);
    }
}
