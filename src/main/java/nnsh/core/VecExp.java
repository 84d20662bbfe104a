package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exp} a vector at a time, the same operations in the same order; loaded only when
 * {@link Backend#simd()}. One straight-line loop body, no inner loop and no helper taking vectors: either
 * made the JIT keep vectors as heap objects in some runs (ExpTest checks that nothing is allocated).
 */
final class VecExp {
    private VecExp() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(S, Exp.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(S, Exp.LN2_LO);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector C0 = DoubleVector.broadcast(S, Exp.C[0]), C1 = DoubleVector.broadcast(S, Exp.C[1]),
            C2 = DoubleVector.broadcast(S, Exp.C[2]), C3 = DoubleVector.broadcast(S, Exp.C[3]),
            C4 = DoubleVector.broadcast(S, Exp.C[4]), C5 = DoubleVector.broadcast(S, Exp.C[5]),
            C6 = DoubleVector.broadcast(S, Exp.C[6]), C7 = DoubleVector.broadcast(S, Exp.C[7]),
            C8 = DoubleVector.broadcast(S, Exp.C[8]), C9 = DoubleVector.broadcast(S, Exp.C[9]),
            C10 = DoubleVector.broadcast(S, Exp.C[10]), C11 = DoubleVector.broadcast(S, Exp.C[11]);

    /**
     * x[i] = e^x[i], or e^x[i] - 1 when minusOne, for whole vectors of [off, off + n); returns the first index
     * left for the scalar loop. Both results are computed and the right one kept (no branch on vectors).
     */
    static int inPlace(double[] x, int off, int n, boolean minusOne) {
        double one = minusOne ? 1.0 : 0.0;
        double nZero = minusOne ? 0.0 : Double.NaN;     // n == NaN never holds: then r q is never taken
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> nan = v.compare(VectorOperators.NE, v);
            DoubleVector xc = v.max(Exp.LO).min(Exp.HI);
            DoubleVector t = xc.mul(Exp.LOG2E).add(Exp.MAGIC);
            DoubleVector nv = t.sub(Exp.MAGIC);
            LongVector ni = t.reinterpretAsLongs().and(0xFFFFFFFFFFFFFL).sub(1L << 51);
            DoubleVector neg = nv.neg();
            DoubleVector r = neg.fma(LN2_HI, xc);
            r = neg.fma(LN2_LO, r);
            DoubleVector q = C0.fma(r, C1).fma(r, C2).fma(r, C3).fma(r, C4).fma(r, C5).fma(r, C6)
                    .fma(r, C7).fma(r, C8).fma(r, C9).fma(r, C10).fma(r, C11).fma(r, ONE);
            LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = ni.sub(n1);
            DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = q.fma(r, ONE).mul(s1).mul(s2).sub(one);          // e - 0.0 is e, bit for bit
            e.blend(r.mul(q), nv.compare(VectorOperators.EQ, nZero)).blend(v, nan).intoArray(x, i);
        }
        return i;
    }

    /** a = copySign(a / (a + 2), z) for whole vectors of [off, off + n) (tanh from e = expm1(2|z|)); returns the index left. */
    static int tanhFinish(int off, int n, double[] z, double[] a) {
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector e = DoubleVector.fromArray(S, a, i);
            e.div(e.add(2.0)).reinterpretAsLongs().and(0x7FFFFFFFFFFFFFFFL)
                    .or(DoubleVector.fromArray(S, z, i).reinterpretAsLongs().and(0x8000000000000000L))
                    .reinterpretAsDoubles().intoArray(a, i);
        }
        return i;
    }

    /** a = (z >= 0 ? 1 : a) / (1 + a) for whole vectors of [off, off + n) (sigmoid from e = exp(-|z|)); returns the index left. */
    static int sigmoidFinish(int off, int n, double[] z, double[] a) {
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector e = DoubleVector.fromArray(S, a, i);
            DoubleVector den = e.add(1.0);
            e.div(den).blend(ONE.div(den), DoubleVector.fromArray(S, z, i).compare(VectorOperators.GE, 0.0)).intoArray(a, i);
        }
        return i;
    }
}
