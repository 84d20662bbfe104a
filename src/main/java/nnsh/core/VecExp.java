package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Exp} a vector at a time, the same operations in the same order; loaded only when {@link Backend#simd()}. */
final class VecExp {
    private VecExp() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(S, Exp.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(S, Exp.LN2_LO);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    /** Whole vectors of [off, off + n); returns the first index left for the scalar loop. */
    static int expInPlace(double[] x, int off, int n) {
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
            DoubleVector p = DoubleVector.broadcast(S, Exp.C[0]);
            for (int c = 1; c < Exp.C.length; c++) p = p.fma(r, DoubleVector.broadcast(S, Exp.C[c]));
            p = p.fma(r, ONE);
            p = p.fma(r, ONE);
            LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = ni.sub(n1);
            DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(s1).mul(s2).blend(v, nan).intoArray(x, i);
        }
        return i;
    }
}
