package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Exp against StrictMath.exp: within 2 ulp everywhere (including subnormal results), the exact edge
 * cases, and the vector version bit for bit equal to the scalar one, body and tail.
 */
class ExpTest {
    static double ulps(double want, double got) {
        if (want == got) return 0;
        double ulp = Math.ulp(want == 0 ? Double.MIN_VALUE : want);
        return Math.abs(want - got) / Math.max(ulp, Double.MIN_VALUE);
    }

    @Test
    void within2UlpOfStrictMathOverTheWholeRange() {
        Rng r = new Rng(41);
        double worst = 0, at = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x;
            switch (i % 4) {
                case 0: x = r.nextDouble() * 1455 - 745; break;        // everything representable
                case 1: x = r.nextDouble() * 60 - 50; break;            // softmax's range
                case 2: x = (r.nextDouble() - 0.5) * 1e-3; break;       // near 0
                default: x = -708 - r.nextDouble() * 37.5; break;       // subnormal results
            }
            double u = ulps(StrictMath.exp(x), Exp.exp(x));
            if (u > worst) {
                worst = u;
                at = x;
            }
        }
        assertTrue(worst <= 2, "worst " + worst + " ulp at x = " + at);
    }

    @Test
    void edgeCases() {
        assertEquals(1.0, Exp.exp(0.0));
        assertEquals(1.0, Exp.exp(-0.0));
        assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Exp.exp(-746));
        assertEquals(0.0, Exp.exp(-1e300));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(709.79));
        assertTrue(Double.isFinite(Exp.exp(709.78)));
        assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
        assertEquals(StrictMath.exp(1.0), Exp.exp(1.0), Math.ulp(Math.E));
        assertTrue(Exp.exp(-745.1) > 0, "the smallest subnormal is reached");
    }

    @Test
    void vectorAndScalarGiveTheSameBits() {
        Rng r = new Rng(42);
        for (int n : new int[] {0, 1, 7, 8, 9, 17, 640, 1001}) {
            double[] x = new double[n + 3];
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() * 1500 - 760;
            if (n > 5) {
                x[3] = Double.NaN;
                x[4] = Double.POSITIVE_INFINITY;
                x[5] = Double.NEGATIVE_INFINITY;
            }
            double[] got = x.clone();
            Exp.expInPlace(got, 2, n);
            for (int i = 0; i < x.length; i++) {
                double want = i >= 2 && i < 2 + n ? Exp.exp(x[i]) : x[i];
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[i]), "n " + n + ", element " + i);
            }
        }
    }

    @Test
    void expm1TanhAndSigmoidStayCloseToStrictMath() {
        Rng r = new Rng(43);
        double worstExpm1 = 0, worstTanh = 0, worstSig = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 3 == 0 ? (r.nextDouble() - 0.5) * 1e-6 : i % 3 == 1 ? (r.nextDouble() - 0.5) * 4 : (r.nextDouble() - 0.5) * 80;
            worstExpm1 = Math.max(worstExpm1, ulps(StrictMath.expm1(x), Exp.expm1(x)));
            worstTanh = Math.max(worstTanh, ulps(StrictMath.tanh(x), Exp.tanh(x)));
            double sig = 1 / (1 + StrictMath.exp(-x));
            if (x < 0) sig = StrictMath.exp(x) / (1 + StrictMath.exp(x));
            worstSig = Math.max(worstSig, ulps(sig, Exp.sigmoid(x)));
        }
        assertTrue(worstExpm1 <= 3, "expm1: " + worstExpm1 + " ulp");
        assertTrue(worstTanh <= 4, "tanh: " + worstTanh + " ulp");
        assertTrue(worstSig <= 4, "sigmoid: " + worstSig + " ulp");
        assertEquals(0.0, Exp.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Exp.tanh(-0.0)));
        assertEquals(1.0, Exp.tanh(1e300));
        assertEquals(-1.0, Exp.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Exp.sigmoid(800));
        assertEquals(0.0, Exp.sigmoid(-800));
        assertEquals(0.5, Exp.sigmoid(0));
        assertTrue(Double.isNaN(Exp.tanh(Double.NaN)) && Double.isNaN(Exp.sigmoid(Double.NaN)) && Double.isNaN(Exp.expm1(Double.NaN)));
    }

    @Test
    void vectorTanhAndSigmoidGiveTheScalarBitsAndAllocateNothing() {
        Rng r = new Rng(44);
        double[] z = new double[1003], a = new double[1003], b = new double[1003];
        for (int i = 0; i < z.length; i++) z[i] = (r.nextDouble() - 0.5) * (i % 2 == 0 ? 60 : 1e-3);
        z[5] = Double.NaN;
        z[6] = Double.POSITIVE_INFINITY;
        z[7] = -0.0;
        Exp.tanh(0, z.length, z, a);
        for (int i = 0; i < z.length; i++) b[i] = Exp.tanh(z[i]);
        for (int i = 0; i < z.length; i++) assertEquals(Double.doubleToRawLongBits(b[i]), Double.doubleToRawLongBits(a[i]), "tanh " + i);
        Exp.sigmoid(0, z.length, z, a);
        for (int i = 0; i < z.length; i++) b[i] = Exp.sigmoid(z[i]);
        for (int i = 0; i < z.length; i++) assertEquals(Double.doubleToRawLongBits(b[i]), Double.doubleToRawLongBits(a[i]), "sigmoid " + i);
        // warm, then no allocation per call (a vector handed to a method that is not inlined would be boxed)
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20 && best > 0; round++) {
            for (int i = 0; i < 2000; i++) {
                Exp.tanh(0, z.length, z, a);
                Exp.sigmoid(0, z.length, z, a);
                Exp.expInPlace(b, 0, b.length);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                Exp.tanh(0, z.length, z, a);
                Exp.sigmoid(0, z.length, z, a);
            }
            best = Math.min(best, (mx.getCurrentThreadAllocatedBytes() - before) / 100);
        }
        assertTrue(best < 64, best + " bytes allocated per call");
    }
}
