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
        if (x != x) return x;
        double xc = Math.min(Math.max(x, LO), HI);
        double t = xc * LOG2E + MAGIC;
        double n = t - MAGIC;
        long ni = (Double.doubleToRawLongBits(t) & 0xFFFFFFFFFFFFFL) - (1L << 51);
        double r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        double p = C[0];
        for (int i = 1; i < C.length; i++) p = Math.fma(p, r, C[i]);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        long n1 = ni >> 1, n2 = ni - n1;
        return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
    }

    /** e^x - 1, accurate near 0 as well: r (1 + r/2 + ... ) when n = 0, else 2^n e^r - 1. */
    public static double expm1(double x) {
        if (x != x) return x;
        double xc = Math.min(Math.max(x, LO), HI);
        double t = xc * LOG2E + MAGIC;
        double n = t - MAGIC;
        long ni = (Double.doubleToRawLongBits(t) & 0xFFFFFFFFFFFFFL) - (1L << 51);
        double r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        double p = C[0];
        for (int i = 1; i < C.length; i++) p = Math.fma(p, r, C[i]);
        p = Math.fma(p, r, 1.0);
        if (ni == 0) return r * p;
        p = Math.fma(p, r, 1.0);
        long n1 = ni >> 1, n2 = ni - n1;
        return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52) - 1.0;
    }

    /** Beyond this |x|, tanh(x) rounds to +-1. */
    static final double TANH_ONE = 20;

    /** tanh x = e / (e + 2) with e = e^(2|x|) - 1, the sign of x put back; +-1 beyond |x| = 20. */
    public static double tanh(double x) {
        double ax = Math.min(Math.abs(x), TANH_ONE);
        double e = expm1(2 * ax);
        return Math.copySign(e / (e + 2), x);
    }

    /** The logistic sigmoid 1 / (1 + e^-z), from e^-|z| so that nothing overflows. */
    public static double sigmoid(double z) {
        double e = exp(-Math.abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** x[i] = e^x[i] for i in [off, off + n). */
    public static void expInPlace(double[] x, int off, int n) {
        int i = off;
        if (Backend.simd()) i = VecExp.expInPlace(x, off, n);
        for (; i < off + n; i++) x[i] = exp(x[i]);
    }

    /** a[i] = tanh z[i] for i in [0, n), a vector at a time where the Vector API is on (same bits). */
    public static void tanh(int n, double[] z, double[] a) {
        int i = Backend.simd() ? VecExp.tanh(n, z, a) : 0;
        for (; i < n; i++) a[i] = tanh(z[i]);
    }

    /** a[i] = sigmoid z[i] for i in [0, n), a vector at a time where the Vector API is on (same bits). */
    public static void sigmoid(int n, double[] z, double[] a) {
        int i = Backend.simd() ? VecExp.sigmoid(n, z, a) : 0;
        for (; i < n; i++) a[i] = sigmoid(z[i]);
    }
}
