package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SoftmaxHead}'s two lane-wise steps on the Vector API: a group's G lanes in vectors of L (one
 * vector on AVX-512), the same operations in the same order as the plain loops. Each method loads from
 * and stores to the scratch arrays, so no vector crosses a call.
 */
final class VecSoftmaxHead {
    private VecSoftmaxHead() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();
    private static final int G = SoftmaxHead.G;

    static void forward(SoftmaxHead.Scratch s, double[] w, double[] b) {
        int in = s.in, out = s.out;
        double[] aT = s.aT, zT = s.zT, eT = s.eT;
        for (int q = 0; q < G; q += L) {
            DoubleVector m = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < out; j++) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int i = 0; i < in; i++) {
                    acc = DoubleVector.broadcast(S, w[j * in + i]).fma(DoubleVector.fromArray(S, aT, i * G + q), acc);
                }
                DoubleVector z = acc.add(b[j]);
                z.intoArray(zT, j * G + q);
                m = m.max(z);
            }
            m.intoArray(s.max, q);
            for (int j = 0; j < out; j++) DoubleVector.fromArray(S, zT, j * G + q).sub(m).intoArray(eT, j * G + q);
        }
    }

    static void backward(SoftmaxHead.Scratch s, double[] w, boolean relu) {
        int in = s.in, out = s.out;
        double[] aT = s.aT, eT = s.eT, dzT = s.dzT, accW = s.accW, accB = s.accB, daT = s.daT;
        for (int q = 0; q < G; q += L) {
            DoubleVector sum = DoubleVector.zero(S);
            for (int j = 0; j < out; j++) sum = sum.add(DoubleVector.fromArray(S, eT, j * G + q));
            sum.intoArray(s.sum, q);
            DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(sum);
            DoubleVector y = DoubleVector.fromArray(S, s.label, q);
            DoubleVector keep = DoubleVector.zero(S).blend(1.0, y.compare(VectorOperators.GE, 0.0));
            DoubleVector best = DoubleVector.fromArray(S, eT, q).mul(inv), arg = DoubleVector.zero(S);
            for (int j = 0; j < out; j++) {
                DoubleVector p = DoubleVector.fromArray(S, eT, j * G + q).mul(inv);
                VectorMask<Double> better = p.compare(VectorOperators.GT, best);
                best = best.blend(p, better);
                arg = arg.blend(j, better);
                DoubleVector hot = DoubleVector.zero(S).blend(1.0, y.compare(VectorOperators.EQ, (double) j));
                DoubleVector dz = p.sub(hot).mul(keep);
                dz.intoArray(dzT, j * G + q);
                DoubleVector.fromArray(S, accB, j * G + q).add(dz).intoArray(accB, j * G + q);
                for (int i = 0; i < in; i++) {
                    int o = (j * in + i) * G + q;
                    dz.fma(DoubleVector.fromArray(S, aT, i * G + q), DoubleVector.fromArray(S, accW, o)).intoArray(accW, o);
                }
            }
            arg.intoArray(s.best, q);
            for (int i = 0; i < in; i++) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int j = 0; j < out; j++) {
                    acc = DoubleVector.broadcast(S, w[j * in + i]).fma(DoubleVector.fromArray(S, dzT, j * G + q), acc);
                }
                if (relu) {
                    VectorMask<Double> on = DoubleVector.fromArray(S, aT, i * G + q).compare(VectorOperators.GT, 0.0);
                    acc = DoubleVector.zero(S).blend(acc, on);
                }
                acc.intoArray(daT, i * G + q);
            }
        }
    }
}
