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
}
