package nnsh.core;

/**
 * e^x from additions, multiplications and fused multiply-adds only, so that the Vector API and plain
 * Java give the same bits in every JIT tier (the Vector API's own EXP does not: interpreted and compiled
 * code differ in the last bits, which made training runs depend on when the JIT kicked in).
 *
 * <pre>
 *   n = round(x / ln 2)                 with the 1.5 * 2^52 trick: an exact IEEE rounding
 *   r = x - n ln2_hi - n ln2_lo         |r| &lt;= ln(2)/2, two fused steps
 *   e^r = 1 + r + r^2/2! + ... + r^13/13!   Horner; the remainder is below 1e-17 relative
 *   e^x = e^r * 2^(n/2) * 2^(n - n/2)   two scalings keep subnormal results rounded once
 * </pre>
 *
 * Within 2 ulp of {@link Math#exp} over the whole range (ExpTest); exp(x) is 0 below -746, +inf above
 * 709.8, NaN for NaN. The same steps give e^x - 1 without cancellation near 0 ({@link #expm1}: the
 * polynomial without its leading 1 when n = 0), and from it tanh and the logistic sigmoid.
 */
public final class Exp {
    private Exp() {}

    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471803691238;       // ln 2 with the last 21 bits zero: n * LN2_HI is exact
    static final double LN2_LO = 1.9082149292705877e-10;    // ln 2 - LN2_HI
    static final double MAGIC = 6755399441055744.0;         // 1.5 * 2^52
    static final double LO = -746, HI = 709.8;
    /** 1/k! for k = 13 down to 2. */
    static final double[] C = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
        1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};

    /** e^x; the same bits as each lane of the vector version. */
    public static double exp(double x) {
        return core(x, false);
    }

    /** e^x - 1, accurate near 0 as well: r (1 + r/2 + ... ) when n = 0, else 2^n e^r - 1. */
    public static double expm1(double x) {
        return core(x, true);
    }

    /** e^x, or e^x - 1 when minusOne: the steps in the class comment. */
    private static double core(double x, boolean minusOne) {
        if (x != x) return x;
        double xc = Math.min(Math.max(x, LO), HI);
        double t = xc * LOG2E + MAGIC;
        double n = t - MAGIC;
        long ni = (Double.doubleToRawLongBits(t) & 0xFFFFFFFFFFFFFL) - (1L << 51);
        double r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        double q = C[0];                                       // q = (e^r - 1) / r = 1 + r/2! + ... + r^12/13!
        for (int i = 1; i < C.length; i++) q = Math.fma(q, r, C[i]);
        q = Math.fma(q, r, 1.0);
        if (minusOne && ni == 0) return r * q;
        long n1 = ni >> 1, n2 = ni - n1;
        double e = Math.fma(q, r, 1.0) * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
        return minusOne ? e - 1.0 : e;
    }

    /** Beyond this |x|, tanh(x) rounds to +-1. */
    static final double TANH_ONE = 20;

    /** tanh x = e / (e + 2) with e = e^(2|x|) - 1, the sign of x put back; +-1 beyond |x| = 20. */
    public static double tanh(double x) {
        double e = expm1(2 * Math.min(Math.abs(x), TANH_ONE));
        return Math.copySign(e / (e + 2), x);
    }

    /** The logistic sigmoid 1 / (1 + e^-z), from e^-|z| so that nothing overflows. */
    public static double sigmoid(double z) {
        double e = exp(-Math.abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** x[i] = e^x[i] for i in [off, off + n). */
    public static void expInPlace(double[] x, int off, int n) {
        inPlace(x, off, n, false);
    }

    /** x[i] = e^x[i], or e^x[i] - 1 when minusOne, a vector at a time where the Vector API is on (same bits). */
    private static void inPlace(double[] x, int off, int n, boolean minusOne) {
        int i = Backend.simd() ? VecExp.inPlace(x, off, n, minusOne) : off;
        for (; i < off + n; i++) x[i] = core(x[i], minusOne);
    }

    // The activations: their argument into a, the exponential in place, then the rest from a and z; the
    // same operations as tanh(double) and sigmoid(double), so the same bits.

    /** a[i] = tanh z[i] for i in [off, off + n): each element the same bits whatever range it falls in. */
    public static void tanh(int off, int n, double[] z, double[] a) {
        int end = off + n;
        if (z == a) {
            for (int i = off; i < end; i++) a[i] = tanh(z[i]);
            return;
        }
        for (int i = off; i < end; i++) a[i] = 2 * Math.min(Math.abs(z[i]), TANH_ONE);
        inPlace(a, off, n, true);
        for (int i = Backend.simd() ? VecExp.tanhFinish(off, n, z, a) : off; i < end; i++) a[i] = Math.copySign(a[i] / (a[i] + 2), z[i]);
    }

    /** a[i] = sigmoid z[i] for i in [off, off + n): each element the same bits whatever range it falls in. */
    public static void sigmoid(int off, int n, double[] z, double[] a) {
        int end = off + n;
        if (z == a) {
            for (int i = off; i < end; i++) a[i] = sigmoid(z[i]);
            return;
        }
        for (int i = off; i < end; i++) a[i] = -Math.abs(z[i]);
        inPlace(a, off, n, false);
        for (int i = Backend.simd() ? VecExp.sigmoidFinish(off, n, z, a) : off; i < end; i++) {
            double e = a[i];
            a[i] = z[i] >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        }
    }
}
