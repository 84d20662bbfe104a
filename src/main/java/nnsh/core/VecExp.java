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

    // The steps are written out in each loop on purpose: a vector handed to or returned from a method the
    // JIT does not inline becomes a heap object, one per call (ExpTest checks that nothing is allocated).

    /** tanh of whole vectors of z[0, n) into a: {@link Exp#tanh}'s steps; returns the first index left. */
    static int tanh(int n, double[] z, double[] a) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            // e = expm1(2 min(|x|, 20)), as Exp.expm1: r (1 + r/2 + ..) when n = 0, else 2^n e^r - 1
            DoubleVector v = x.abs().min(Exp.TANH_ONE).mul(2.0);
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
            DoubleVector small = r.mul(p);
            p = p.fma(r, ONE);
            LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = ni.sub(n1);
            DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = p.mul(s1).mul(s2).sub(1.0).blend(small, nv.compare(VectorOperators.EQ, 0.0)).blend(v, nan);
            DoubleVector q = e.div(e.add(2.0));
            // copySign: the magnitude's bits with x's sign bit
            q.reinterpretAsLongs().and(0x7FFFFFFFFFFFFFFFL)
                    .or(x.reinterpretAsLongs().and(0x8000000000000000L)).reinterpretAsDoubles().intoArray(a, i);
        }
        return i;
    }

    /** The sigmoid of whole vectors of z[0, n) into a: {@link Exp#sigmoid}'s steps; returns the first index left. */
    static int sigmoid(int n, double[] z, double[] a) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i);
            // e = exp(-|x|), as Exp.exp
            DoubleVector v = x.abs().neg();
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
            DoubleVector e = p.mul(s1).mul(s2).blend(v, nan);
            DoubleVector den = e.add(1.0);
            DoubleVector pos = ONE.div(den);
            e.div(den).blend(pos, x.compare(VectorOperators.GE, 0.0)).intoArray(a, i);
        }
        return i;
    }
}
