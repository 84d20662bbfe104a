package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Every Ops kernel against the plain loop it replaces (written out again here), over lengths that hit
 * the vector body, the scalar tail and the small-size path. Elementwise kernels must be bit-identical;
 * reductions and exp/tanh-based kernels agree within 1e-12 relative.
 */
class OpsTest {
    static final int[] LENGTHS = {0, 1, 3, 7, 8, 15, 16, 17, 31, 64, 100, 257, 1000};
    static final double REL = 1e-12;

    static double[] rand(Rng r, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = (r.nextDouble() * 2 - 1) * scale;
        return x;
    }

    static void close(double want, double got, double mag, String what) {
        if (!(Math.abs(want - got) <= REL * Math.max(Math.abs(want), mag) || Double.compare(want, got) == 0))
            fail(what + ": want " + want + " got " + got);
    }

    static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) close(want[i], got[i], 0, what + "[" + i + "]");
    }

    @Test
    void blasLevel1() {
        Rng r = new Rng(11);
        for (int n : LENGTHS) {
            double[] x = rand(r, n + 3, 1), y = rand(r, n + 5, 1);
            double[] y1 = y.clone(), y2 = y.clone();
            Ops.axpy(n, 0.37, x, 3, y1, 2);
            for (int i = 0; i < n; i++) y2[2 + i] += 0.37 * x[3 + i];
            assertArrayEquals(y2, y1, 0.0, "axpy " + n);

            double[] s1 = x.clone(), s2 = x.clone();
            Ops.scale(n, -1.7, s1, 1);
            for (int i = 0; i < n; i++) s2[1 + i] *= -1.7;
            assertArrayEquals(s2, s1, 0.0, "scale " + n);

            double d = 0, mag = 0, q = 0;
            for (int i = 0; i < n; i++) {
                d += x[2 + i] * y[1 + i];
                mag += Math.abs(x[2 + i] * y[1 + i]);
                q += x[i] * x[i];
            }
            close(d, Ops.dot(n, x, 2, y, 1), mag, "dot " + n);
            close(q, Ops.sumSquares(n, x, 0), q, "sumSquares " + n);
        }
    }

    @Test
    void rowAndColumnBroadcasts() {
        Rng r = new Rng(12);
        for (int cols : LENGTHS) {
            int rows = 5;
            double[] v = rand(r, cols, 1), c = rand(r, 3 + rows * cols, 1);
            double[] c1 = c.clone(), c2 = c.clone();
            Ops.addRowVector(rows, cols, v, c1, 3);
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) c2[3 + i * cols + j] += v[j];
            assertArrayEquals(c2, c1, 0.0, "addRowVector " + cols);

            double[] o1 = rand(r, cols, 1), o2 = o1.clone();
            Ops.addColumnSums(rows, cols, c, 3, o1);
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) o2[j] += c[3 + i * cols + j];
            assertArrayEquals(o2, o1, 0.0, "addColumnSums " + cols);
        }
    }

    @Test
    void activations() {
        Rng r = new Rng(13);
        for (int n : LENGTHS) {
            double[] z = rand(r, n, 8), da = rand(r, n, 1);
            if (n > 4) {
                z[0] = 0.0;
                z[1] = -0.0;
                z[2] = 800;
                z[3] = -800;
            }
            double[] got = new double[n], want = new double[n];

            Ops.relu(n, z, got);
            for (int i = 0; i < n; i++) want[i] = z[i] > 0 ? z[i] : 0.0;
            assertArrayEquals(want, got, 0.0, "relu");
            Ops.reluBackward(n, z, da, got);
            for (int i = 0; i < n; i++) want[i] = z[i] > 0 ? da[i] : 0.0;
            assertArrayEquals(want, got, 0.0, "reluBackward");
            Ops.leakyRelu(n, 0.01, z, got);
            for (int i = 0; i < n; i++) want[i] = z[i] > 0 ? z[i] : 0.01 * z[i];
            assertArrayEquals(want, got, 0.0, "leakyRelu");
            Ops.leakyReluBackward(n, 0.01, z, da, got);
            for (int i = 0; i < n; i++) want[i] = z[i] > 0 ? da[i] : 0.01 * da[i];
            assertArrayEquals(want, got, 0.0, "leakyReluBackward");

            Ops.sigmoid(n, z, got);
            for (int i = 0; i < n; i++) want[i] = Ops.sigmoid(z[i]);
            close(want, got, "sigmoid");
            double[] a = want.clone();
            Ops.sigmoidBackward(n, a, da, got);
            for (int i = 0; i < n; i++) want[i] = da[i] * a[i] * (1.0 - a[i]);
            assertArrayEquals(want, got, 0.0, "sigmoidBackward");

            Ops.tanh(n, z, got);
            for (int i = 0; i < n; i++) want[i] = Math.tanh(z[i]);
            close(want, got, "tanh");
            a = want.clone();
            Ops.tanhBackward(n, a, da, got);
            for (int i = 0; i < n; i++) want[i] = da[i] * (1.0 - a[i] * a[i]);
            assertArrayEquals(want, got, 0.0, "tanhBackward");
        }
    }

    /** An element-wise kernel over [off, off + n) of z, a, da into out. */
    interface RangeKernel {
        void run(int off, int n, double[] z, double[] a, double[] da, double[] out);
    }

    /**
     * The element-range forms (what a wide layer's row chunks call) give each element the bits the
     * whole-array form gives it, and write nothing outside their range: odd offsets and lengths put the
     * vector body and the scalar tail on other elements than the whole-array call does.
     */
    @Test
    void elementRangesGiveTheWholeArraysBits() {
        String[] names = {"relu", "reluBackward", "leakyRelu", "leakyReluBackward", "sigmoid", "sigmoidBackward",
            "tanh", "tanhBackward"};
        RangeKernel[] kernels = {
            (o, n, z, a, da, out) -> Ops.relu(o, n, z, out),
            (o, n, z, a, da, out) -> Ops.reluBackward(o, n, z, da, out),
            (o, n, z, a, da, out) -> Ops.leakyRelu(o, n, 0.01, z, out),
            (o, n, z, a, da, out) -> Ops.leakyReluBackward(o, n, 0.01, z, da, out),
            (o, n, z, a, da, out) -> Ops.sigmoid(o, n, z, out),
            (o, n, z, a, da, out) -> Ops.sigmoidBackward(o, n, a, da, out),
            (o, n, z, a, da, out) -> Ops.tanh(o, n, z, out),
            (o, n, z, a, da, out) -> Ops.tanhBackward(o, n, a, da, out),
        };
        RangeKernel[] whole = {
            (o, n, z, a, da, out) -> Ops.relu(n, z, out),
            (o, n, z, a, da, out) -> Ops.reluBackward(n, z, da, out),
            (o, n, z, a, da, out) -> Ops.leakyRelu(n, 0.01, z, out),
            (o, n, z, a, da, out) -> Ops.leakyReluBackward(n, 0.01, z, da, out),
            (o, n, z, a, da, out) -> Ops.sigmoid(n, z, out),
            (o, n, z, a, da, out) -> Ops.sigmoidBackward(n, a, da, out),
            (o, n, z, a, da, out) -> Ops.tanh(n, z, out),
            (o, n, z, a, da, out) -> Ops.tanhBackward(n, a, da, out),
        };
        Rng r = new Rng(15);
        int len = 1003;
        double[] z = rand(r, len, 30), a = rand(r, len, 1), da = rand(r, len, 1);
        z[4] = 0.0;
        z[5] = -0.0;
        z[6] = Double.NaN;
        z[7] = Double.NEGATIVE_INFINITY;
        z[8] = 800;
        z[9] = 1e-9;
        for (int[] range : new int[][] {{3, 997}, {5, 11}, {1, 17}, {7, 333}, {len - 9, 9}}) {
            int off = range[0], n = range[1];
            for (int k = 0; k < kernels.length; k++) {
                double[] want = new double[len], got = rand(r, len, 1), untouched = got.clone();
                whole[k].run(0, len, z, a, da, want);
                kernels[k].run(off, n, z, a, da, got);
                for (int i = 0; i < len; i++) {
                    double w = i >= off && i < off + n ? want[i] : untouched[i];
                    assertEquals(Double.doubleToRawLongBits(w), Double.doubleToRawLongBits(got[i]),
                            names[k] + " on [" + off + ", " + (off + n) + "), element " + i);
                }
            }
        }
    }

    @Test
    void softmax() {
        Rng r = new Rng(14);
        for (int cols : LENGTHS) {
            int rows = 4;
            double[] z = rand(r, rows * cols, 20), got = new double[rows * cols], want = new double[rows * cols];
            Ops.softmaxRows(rows, cols, z, got);
            for (int i = 0; i < rows; i++) {
                int b = i * cols;
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < cols; j++) max = Math.max(max, z[b + j]);
                for (int j = 0; j < cols; j++) sum += want[b + j] = Math.exp(z[b + j] - max);
                for (int j = 0; j < cols; j++) want[b + j] /= sum;
            }
            close(want, got, "softmax " + cols);
        }
    }

    @Test
    void optimizerUpdates() {
        Rng r = new Rng(15);
        for (int n : LENGTHS) {
            double[] w = rand(r, n, 1), g = rand(r, n, 1), m = rand(r, n, 0.1), v = rand(r, n, 0.1);
            for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]);

            double[] w1 = w.clone(), w2 = w.clone();
            Ops.sgdUpdate(n, 0.05, w1, g);
            for (int i = 0; i < n; i++) w2[i] -= 0.05 * g[i];
            assertArrayEquals(w2, w1, 0.0, "sgd");

            w1 = w.clone();
            w2 = w.clone();
            double[] v1 = m.clone(), v2 = m.clone();
            Ops.momentumUpdate(n, 0.05, 0.9, w1, g, v1);
            for (int i = 0; i < n; i++) {
                v2[i] = 0.9 * v2[i] + (1 - 0.9) * g[i];
                w2[i] -= 0.05 * v2[i];
            }
            assertArrayEquals(v2, v1, 0.0, "momentum v");
            assertArrayEquals(w2, w1, 0.0, "momentum w");

            w1 = w.clone();
            w2 = w.clone();
            double[] s1 = v.clone(), s2 = v.clone();
            Ops.rmspropUpdate(n, 0.01, 0.99, 1e-8, w1, g, s1);
            for (int i = 0; i < n; i++) {
                s2[i] = 0.99 * s2[i] + (1 - 0.99) * g[i] * g[i];
                w2[i] -= 0.01 * g[i] / (Math.sqrt(s2[i]) + 1e-8);
            }
            assertArrayEquals(s2, s1, 0.0, "rmsprop s");
            assertArrayEquals(w2, w1, 0.0, "rmsprop w");

            w1 = w.clone();
            w2 = w.clone();
            double[] m1 = m.clone(), m2 = m.clone();
            v1 = v.clone();
            v2 = v.clone();
            double c1 = 1 - Math.pow(0.9, 3), c2 = 1 - Math.pow(0.999, 3);
            Ops.adamUpdate(n, 0.001, 0.9, 0.999, 1e-8, c1, c2, w1, g, m1, v1);
            for (int i = 0; i < n; i++) {
                m2[i] = 0.9 * m2[i] + (1 - 0.9) * g[i];
                v2[i] = 0.999 * v2[i] + (1 - 0.999) * g[i] * g[i];
                w2[i] -= m2[i] * (0.001 / c1) / (Math.sqrt(v2[i] * (1 / c2)) + 1e-8);
            }
            assertArrayEquals(m2, m1, 0.0, "adam m");
            assertArrayEquals(v2, v1, 0.0, "adam v");
            assertArrayEquals(w2, w1, 0.0, "adam w");
        }
    }

    /**
     * The Adam dry run (vector body and scalar tail) answers as the update itself does: true when every
     * new m, v and w comes out finite, false when one element anywhere (body or tail) would overflow.
     */
    @Test
    void adamDryRunAgreesWithTheUpdate() {
        Rng r = new Rng(11);
        for (int n : LENGTHS) {
            for (int bad = -1; bad < n; bad += Math.max(1, n / 5)) {
                double[] w = rand(r, n, 1), g = rand(r, n, 1), m = rand(r, n, 0.1), v = rand(r, n, 0.1);
                for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]);
                if (bad >= 0) g[bad] = 1e200;   // g^2 overflows v
                double[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone();
                Ops.adamUpdate(0, n, 0.001, 0.9, 0.999, 1e-8, 0.1, 0.001, w2, g, m2, v2);
                boolean allFinite = true;
                for (int i = 0; i < n; i++) {
                    allFinite &= Double.isFinite(w2[i]) && Double.isFinite(m2[i]) && Double.isFinite(v2[i]);
                }
                assertEquals(allFinite, Ops.adamFinite(0, n, 0.001, 0.9, 0.999, 1e-8, 0.1, 0.001, w, g, m, v),
                        "n " + n + ", overflow at " + bad);
                assertEquals(bad < 0, allFinite, "n " + n + ", overflow at " + bad);
            }
        }
    }

    /**
     * Where the quick sufficient test of the dry run gives up (a bound near overflow, eps or lr at extremes,
     * a negative v from a doctored model file), the answer is still the update's own, on both paths.
     */
    @Test
    void adamDryRunIsExactWhereTheQuickTestGivesUp() {
        Rng r = new Rng(12);
        for (int n : LENGTHS) {
            // {lr, eps, scale of m, sign of v}: finite and non-finite outcomes past the quick test.
            double[][] cases = {
                {0.001, 1e-300, 1e10, 1},      // |m| lr / (c1 eps) far above 1e300, the step itself small: finite
                {0.001, 1e-8, 1, -1},          // v < 0: sqrt gives NaN
                {1e307, 1e-8, 1, 1},           // lr / (c1 eps) overflows
                {0.001, 0.0, 1, 1},            // eps 0, v 0 at one element: 0 / 0
                {1e300, 1e-8, 1, 1},           // bound over 1e300, step under 1e308: finite
            };
            for (double[] c : cases) {
                double[] w = rand(r, n, 1), g = rand(r, n, 1), m = rand(r, n, c[2]), v = rand(r, n, 0.1);
                for (int i = 0; i < n; i++) v[i] = c[3] * Math.abs(v[i]);
                if (c[1] == 0.0 && n > 0) {
                    g[n / 2] = 0;
                    m[n / 2] = 0;
                    v[n / 2] = 0;
                }
                double[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone();
                Ops.adamUpdate(0, n, c[0], 0.9, 0.999, c[1], 0.1, 0.001, w2, g, m2, v2);
                boolean allFinite = true;
                for (int i = 0; i < n; i++) {
                    allFinite &= Double.isFinite(w2[i]) && Double.isFinite(m2[i]) && Double.isFinite(v2[i]);
                }
                assertEquals(allFinite, Ops.adamFinite(0, n, c[0], 0.9, 0.999, c[1], 0.1, 0.001, w, g, m, v),
                        "n " + n + ", case " + java.util.Arrays.toString(c));
                double k = Ops.adamStepBound(c[0], c[1], 0.1, 0.001);
                if (n > 0) assertTrue(k < 0 || !Ops.adamSurelyFinite(0, n, 0.9, 0.999, k, w, g, m, v), "the quick test gave up");
            }
        }
    }

    /**
     * Updates the quick test must not pass: eps above 1 (then m lr / c1, computed before the division,
     * overflows while the quotient's bound does not), and beta2 = 1 (c2 = 0: v / c2 is 0 / 0).
     */
    @Test
    void adamDryRunRefusesOverflowsPastTheQuotient() {
        for (int n : LENGTHS) {
            if (n == 0) continue;
            // {lr, eps, beta2, c2}
            for (double[] c : new double[][] {{1e300, 1e10, 0.999, 0.001}, {0.001, 1e-8, 1.0, 0.0}}) {
                double[] w = new double[n], g = new double[n], m = new double[n], v = new double[n];
                java.util.Arrays.fill(g, 1e9);
                double[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone();
                Ops.adamUpdate(0, n, c[0], 0.9, c[2], c[1], 0.1, c[3], w2, g, m2, v2);
                assertFalse(Double.isFinite(w2[0]), "the update itself overflows: " + w2[0]);
                assertFalse(Ops.adamFinite(0, n, c[0], 0.9, c[2], c[1], 0.1, c[3], w, g, m, v),
                        "n " + n + ", case " + java.util.Arrays.toString(c));
            }
        }
    }
}
