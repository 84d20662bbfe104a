package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link Ops} kernels; loaded only when {@link Backend#simd()} is true.
 * Elementwise kernels evaluate the very same expression as the plain loops (same operations in the same
 * order, no fused multiply-add), so their results are bit-identical; only the reductions (dot,
 * sumSquares) sum in a different order. Tails run the scalar expression. The exponentials (softmax,
 * sigmoid, tanh) are in {@link Exp}, whose vector and scalar forms give the same bits.
 */
final class VecOps {
    private VecOps() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();

    static void axpy(int n, double alpha, double[] x, int xo, double[] y, int yo) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yo + i);
            yv.add(DoubleVector.fromArray(S, x, xo + i).mul(alpha)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    static void scale(int n, double alpha, double[] x, int o) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) DoubleVector.fromArray(S, x, o + i).mul(alpha).intoArray(x, o + i);
        for (; i < n; i++) x[o + i] *= alpha;
    }

    static double dot(int n, double[] x, int xo, double[] y, int yo) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), s0);
            s1 = DoubleVector.fromArray(S, x, xo + i + L).fma(DoubleVector.fromArray(S, y, yo + i + L), s1);
            s2 = DoubleVector.fromArray(S, x, xo + i + 2 * L).fma(DoubleVector.fromArray(S, y, yo + i + 2 * L), s2);
            s3 = DoubleVector.fromArray(S, x, xo + i + 3 * L).fma(DoubleVector.fromArray(S, y, yo + i + 3 * L), s3);
        }
        for (; i + L <= n; i += L) {
            s0 = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), s0);
        }
        double s = laneSum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s += x[xo + i] * y[yo + i];
        return s;
    }

    /**
     * The lanes of v added in lane order. Not reduceLanes(ADD): its order is left to the implementation,
     * and on JDK 25 it gives different bits before and after the JIT compiles it.
     */
    static double laneSum(DoubleVector v) {
        double s = v.lane(0);
        for (int l = 1; l < L; l++) s += v.lane(l);
        return s;
    }

    static double sumSquares(int n, double[] x, int o) {
        return dot(n, x, o, x, o);
    }

    static void addRowVector(int rows, int cols, double[] v, double[] c, int off) {
        int ub = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = off + r * cols, j = 0;
            for (; j < ub; j += L) {
                DoubleVector.fromArray(S, c, base + j).add(DoubleVector.fromArray(S, v, j)).intoArray(c, base + j);
            }
            for (; j < cols; j++) c[base + j] += v[j];
        }
    }

    static void addColumnSums(int rows, int cols, double[] a, int off, double[] out) {
        int ub = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = off + r * cols, j = 0;
            for (; j < ub; j += L) {
                DoubleVector.fromArray(S, out, j).add(DoubleVector.fromArray(S, a, base + j)).intoArray(out, j);
            }
            for (; j < cols; j++) out[j] += a[base + j];
        }
    }

    /** Elements [off, off + n) of every array. */
    static void relu(int off, int n, double[] z, double[] a) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector zv = DoubleVector.fromArray(S, z, i);
            zero.blend(zv, zv.compare(VectorOperators.GT, 0.0)).intoArray(a, i);
        }
        for (; i < end; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
    }

    static void reluBackward(int off, int n, double[] z, double[] da, double[] dz) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            VectorMask<Double> pos = DoubleVector.fromArray(S, z, i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, da, i), pos).intoArray(dz, i);
        }
        for (; i < end; i++) dz[i] = z[i] > 0 ? da[i] : 0.0;
    }

    static void leakyRelu(int off, int n, double slope, double[] z, double[] a) {
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector zv = DoubleVector.fromArray(S, z, i);
            zv.mul(slope).blend(zv, zv.compare(VectorOperators.GT, 0.0)).intoArray(a, i);
        }
        for (; i < end; i++) a[i] = z[i] > 0 ? z[i] : slope * z[i];
    }

    static void leakyReluBackward(int off, int n, double slope, double[] z, double[] da, double[] dz) {
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            VectorMask<Double> pos = DoubleVector.fromArray(S, z, i).compare(VectorOperators.GT, 0.0);
            DoubleVector d = DoubleVector.fromArray(S, da, i);
            d.mul(slope).blend(d, pos).intoArray(dz, i);
        }
        for (; i < end; i++) dz[i] = z[i] > 0 ? da[i] : slope * da[i];
    }

    static void sigmoidBackward(int off, int n, double[] a, double[] da, double[] dz) {
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, i);
            DoubleVector.fromArray(S, da, i).mul(av).mul(av.neg().add(1.0)).intoArray(dz, i);
        }
        for (; i < end; i++) dz[i] = da[i] * a[i] * (1.0 - a[i]);
    }

    static void tanhBackward(int off, int n, double[] a, double[] da, double[] dz) {
        int i = off, end = off + n, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, i);
            DoubleVector.fromArray(S, da, i).mul(av.mul(av).neg().add(1.0)).intoArray(dz, i);
        }
        for (; i < end; i++) dz[i] = da[i] * (1.0 - a[i] * a[i]);
    }

    static void sgdUpdate(int n, double lr, double[] w, double[] g) {
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector.fromArray(S, w, i).sub(DoubleVector.fromArray(S, g, i).mul(lr)).intoArray(w, i);
        }
        for (; i < n; i++) w[i] -= lr * g[i];
    }

    static void momentumUpdate(int n, double lr, double beta, double[] w, double[] g, double[] v) {
        double omb = 1 - beta;
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(beta).add(DoubleVector.fromArray(S, g, i).mul(omb));
            vv.intoArray(v, i);
            DoubleVector.fromArray(S, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        for (; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    static void rmspropUpdate(int n, double lr, double rho, double eps, double[] w, double[] g, double[] s) {
        double omr = 1 - rho;
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector sv = DoubleVector.fromArray(S, s, i).mul(rho).add(gv.mul(omr).mul(gv));
            sv.intoArray(s, i);
            DoubleVector step = gv.mul(lr).div(sv.lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < n; i++) {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    /** Elements [off, off + n) of every array. */
    static void adamUpdate(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                           double[] w, double[] g, double[] m, double[] v) {
        double omb1 = 1 - b1, omb2 = 1 - b2, a = lr / c1, r = 1 / c2;
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(b1).add(gv.mul(omb1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(b2).add(gv.mul(omb2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            DoubleVector step = mv.mul(a).div(vv.mul(r).lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        Ops.adamPlain(i, off + n - i, lr, b1, b2, eps, c1, c2, w, g, m, v);
    }

    /** {@link Ops#adamSurelyFinite} a vector at a time; the leftover elements through it. */
    static boolean adamSurelyFinite(int off, int n, double b1, double b2, double k,
                                    double[] w, double[] g, double[] m, double[] v) {
        double omb1 = 1 - b1, omb2 = 1 - b2;
        DoubleVector z = DoubleVector.zero(S), most = z, least = z;
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(b1).add(gv.mul(omb1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(b2).add(gv.mul(omb2).mul(gv));
            DoubleVector bound = DoubleVector.fromArray(S, w, i).abs().add(mv.abs().mul(k));
            z = z.add(vv.mul(0.0)).add(bound.mul(0.0));
            most = most.max(bound);
            least = least.min(vv);
        }
        double s = z.reduceLanes(VectorOperators.ADD), hi = most.reduceLanes(VectorOperators.MAX);
        double lo = least.reduceLanes(VectorOperators.MIN);
        return s == 0.0 && hi < Ops.SURELY_FINITE && lo >= 0 && Ops.adamSurelyFinite(i, off + n - i, b1, b2, k, w, g, m, v);
    }

    /** {@link Ops#adamExactFinite} a vector at a time (the same expressions); the leftover elements through it. */
    static boolean adamExactFinite(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                                   double[] w, double[] g, double[] m, double[] v) {
        double omb1 = 1 - b1, omb2 = 1 - b2, a = lr / c1, r = 1 / c2;
        DoubleVector z = DoubleVector.zero(S);
        int i = off, ub = off + S.loopBound(n);
        for (; i < ub; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, i);
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(b1).add(gv.mul(omb1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(b2).add(gv.mul(omb2).mul(gv));
            DoubleVector step = mv.mul(a).div(vv.mul(r).lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector nw = DoubleVector.fromArray(S, w, i).sub(step);
            // x * 0 is 0 for a finite x and NaN otherwise: one NaN anywhere survives the sum.
            z = z.add(mv.mul(0.0)).add(vv.mul(0.0)).add(nw.mul(0.0));
        }
        return z.reduceLanes(VectorOperators.ADD) == 0.0
                && Ops.adamExactFinite(i, off + n - i, lr, b1, b2, eps, c1, c2, w, g, m, v);
    }
}
