package nnsh.core;

/**
 * Elementwise kernels and reductions on double[] ranges. Nothing here knows about networks:
 * activations are named by their math, not by the layer that uses them.
 */
public final class Ops {
    private Ops() {}

    /** Below MIN elements the plain loop is as fast as the Vector API kernels (see {@link Backend#simd()}). */
    private static final int MIN = 16;

    /** y[yo + i] += alpha * x[xo + i] for i in [0, n). */
    public static void axpy(int n, double alpha, double[] x, int xo, double[] y, int yo) {
        if (Backend.simd() && n >= MIN) {
            VecOps.axpy(n, alpha, x, xo, y, yo);
            return;
        }
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** x[o + i] *= alpha. */
    public static void scale(int n, double alpha, double[] x, int o) {
        if (Backend.simd() && n >= MIN) {
            VecOps.scale(n, alpha, x, o);
            return;
        }
        for (int i = 0; i < n; i++) x[o + i] *= alpha;
    }

    public static double dot(int n, double[] x, int xo, double[] y, int yo) {
        if (Backend.simd() && n >= MIN) return VecOps.dot(n, x, xo, y, yo);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
        return s;
    }

    public static double sumSquares(int n, double[] x, int o) {
        if (Backend.simd() && n >= MIN) return VecOps.sumSquares(n, x, o);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[o + i] * x[o + i];
        return s;
    }

    /** Adds v (length cols) to every row of the rows x cols block at c[off]. */
    public static void addRowVector(int rows, int cols, double[] v, double[] c, int off) {
        if (Backend.simd() && cols >= MIN) {
            VecOps.addRowVector(rows, cols, v, c, off);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = off + r * cols;
            for (int j = 0; j < cols; j++) c[base + j] += v[j];
        }
    }

    /** out[j] += sum over rows of a[off + r * cols + j]. */
    public static void addColumnSums(int rows, int cols, double[] a, int off, double[] out) {
        if (Backend.simd() && cols >= MIN) {
            VecOps.addColumnSums(rows, cols, a, off, out);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = off + r * cols;
            for (int j = 0; j < cols; j++) out[j] += a[base + j];
        }
    }

    // ---- activations: a = f(z), and dz = da * f'(z) (given z and a) ----

    public static void relu(int n, double[] z, double[] a) {
        relu(0, n, z, a);
    }

    /** ReLU on elements [off, off + n). */
    public static void relu(int off, int n, double[] z, double[] a) {
        if (Backend.simd() && n >= MIN) {
            VecOps.relu(off, n, z, a);
            return;
        }
        for (int i = off; i < off + n; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
    }

    public static void reluBackward(int n, double[] z, double[] da, double[] dz) {
        reluBackward(0, n, z, da, dz);
    }

    /** ReLU's backward on elements [off, off + n). */
    public static void reluBackward(int off, int n, double[] z, double[] da, double[] dz) {
        if (Backend.simd() && n >= MIN) {
            VecOps.reluBackward(off, n, z, da, dz);
            return;
        }
        for (int i = off; i < off + n; i++) dz[i] = z[i] > 0 ? da[i] : 0.0;
    }

    public static void leakyRelu(int n, double slope, double[] z, double[] a) {
        leakyRelu(0, n, slope, z, a);
    }

    /** Leaky ReLU on elements [off, off + n). */
    public static void leakyRelu(int off, int n, double slope, double[] z, double[] a) {
        if (Backend.simd() && n >= MIN) {
            VecOps.leakyRelu(off, n, slope, z, a);
            return;
        }
        for (int i = off; i < off + n; i++) a[i] = z[i] > 0 ? z[i] : slope * z[i];
    }

    public static void leakyReluBackward(int n, double slope, double[] z, double[] da, double[] dz) {
        leakyReluBackward(0, n, slope, z, da, dz);
    }

    /** Leaky ReLU's backward on elements [off, off + n). */
    public static void leakyReluBackward(int off, int n, double slope, double[] z, double[] da, double[] dz) {
        if (Backend.simd() && n >= MIN) {
            VecOps.leakyReluBackward(off, n, slope, z, da, dz);
            return;
        }
        for (int i = off; i < off + n; i++) dz[i] = z[i] > 0 ? da[i] : slope * da[i];
    }

    /** The logistic sigmoid, a vector at a time with {@link Exp} (the same bits on both backends). */
    public static void sigmoid(int n, double[] z, double[] a) {
        Exp.sigmoid(0, n, z, a);
    }

    /** The logistic sigmoid on elements [off, off + n). */
    public static void sigmoid(int off, int n, double[] z, double[] a) {
        Exp.sigmoid(off, n, z, a);
    }

    /** Stable for large |z|: e = exp(-|z|), then 1/(1+e) or e/(1+e); never exp of a large positive number. */
    public static double sigmoid(double z) {
        return Exp.sigmoid(z);
    }

    public static void sigmoidBackward(int n, double[] a, double[] da, double[] dz) {
        sigmoidBackward(0, n, a, da, dz);
    }

    /** The sigmoid's backward (from a = sigmoid z) on elements [off, off + n). */
    public static void sigmoidBackward(int off, int n, double[] a, double[] da, double[] dz) {
        if (Backend.simd() && n >= MIN) {
            VecOps.sigmoidBackward(off, n, a, da, dz);
            return;
        }
        for (int i = off; i < off + n; i++) dz[i] = da[i] * a[i] * (1.0 - a[i]);
    }

    /** tanh, a vector at a time with {@link Exp#expm1} (the same bits on both backends). */
    public static void tanh(int n, double[] z, double[] a) {
        Exp.tanh(0, n, z, a);
    }

    /** tanh on elements [off, off + n). */
    public static void tanh(int off, int n, double[] z, double[] a) {
        Exp.tanh(off, n, z, a);
    }

    public static void tanhBackward(int n, double[] a, double[] da, double[] dz) {
        tanhBackward(0, n, a, da, dz);
    }

    /** tanh's backward (from a = tanh z) on elements [off, off + n). */
    public static void tanhBackward(int off, int n, double[] a, double[] da, double[] dz) {
        if (Backend.simd() && n >= MIN) {
            VecOps.tanhBackward(off, n, a, da, dz);
            return;
        }
        for (int i = off; i < off + n; i++) dz[i] = da[i] * (1.0 - a[i] * a[i]);
    }

    /** Softmax of each row of a rows x cols block, shifted by the row max for stability. */
    public static void softmaxRows(int rows, int cols, double[] z, double[] a) {
        softmaxRows(rows, cols, z, a, null);
    }

    /**
     * Softmax of each row, and when lse is not null each row's log-sum-exp, lse[r] = max + log(sum of
     * exp(z - max)), from the same max and the same in-order sum as the softmax itself, so the
     * cross-entropy needs no second round of exponentials.
     */
    public static void softmaxRows(int rows, int cols, double[] z, double[] a, double[] lse) {
        // Shift each row by its max, exponentiate the block (a vector at a time: Exp gives the same bits
        // on both backends), then sum each row in order and normalize.
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, z[base + j]);
            for (int j = 0; j < cols; j++) a[base + j] = z[base + j] - max;
            if (lse != null) lse[r] = max;
        }
        Exp.expInPlace(a, 0, rows * cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += a[base + j];
            if (lse != null) lse[r] += Math.log(sum);
            double inv = 1.0 / sum;
            for (int j = 0; j < cols; j++) a[base + j] *= inv;
        }
    }

    /** Index of the largest value in x[off .. off + n). */
    public static int argmax(double[] x, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (x[off + j] > x[off + best]) best = j;
        return best;
    }

    // ---- optimizer updates, elementwise over a parameter array ----

    /** w -= lr * g. */
    public static void sgdUpdate(int n, double lr, double[] w, double[] g) {
        if (Backend.simd() && n >= MIN) {
            VecOps.sgdUpdate(n, lr, w, g);
            return;
        }
        for (int i = 0; i < n; i++) w[i] -= lr * g[i];
    }

    /** v = beta v + (1 - beta) g; w -= lr v. */
    public static void momentumUpdate(int n, double lr, double beta, double[] w, double[] g, double[] v) {
        if (Backend.simd() && n >= MIN) {
            VecOps.momentumUpdate(n, lr, beta, w, g, v);
            return;
        }
        for (int i = 0; i < n; i++) {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            w[i] -= lr * v[i];
        }
    }

    /** s = rho s + (1 - rho) g^2; w -= lr g / (sqrt(s) + eps). */
    public static void rmspropUpdate(int n, double lr, double rho, double eps, double[] w, double[] g, double[] s) {
        if (Backend.simd() && n >= MIN) {
            VecOps.rmspropUpdate(n, lr, rho, eps, w, g, s);
            return;
        }
        for (int i = 0; i < n; i++) {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    /**
     * Adam with bias correction: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * w -= lr * (m / c1) / (sqrt(v / c2) + eps), where c1 = 1 - b1^t and c2 = 1 - b2^t, computed as
     * m * (lr / c1) / (sqrt(v * (1 / c2)) + eps): one division an element instead of three (division and
     * square root bound this loop, not memory).
     */
    public static void adamUpdate(int n, double lr, double b1, double b2, double eps, double c1, double c2,
                                  double[] w, double[] g, double[] m, double[] v) {
        adamUpdate(0, n, lr, b1, b2, eps, c1, c2, w, g, m, v);
    }

    /** Adam on elements [off, off + n); each element's update is the same whatever range it falls in. */
    public static void adamUpdate(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                                  double[] w, double[] g, double[] m, double[] v) {
        if (Backend.simd() && n >= MIN) VecOps.adamUpdate(off, n, lr, b1, b2, eps, c1, c2, w, g, m, v);
        else adamPlain(off, n, lr, b1, b2, eps, c1, c2, w, g, m, v);
    }

    /** adamUpdate as plain loops (also the vector kernel's leftover elements). */
    static void adamPlain(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                          double[] w, double[] g, double[] m, double[] v) {
        double a = lr / c1, r = 1 / c2;
        for (int i = off; i < off + n; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= m[i] * a / (Math.sqrt(v[i] * r) + eps);
        }
    }

    // ---- the same updates, dry run: would every new value be finite? ----
    // Each computes exactly the expressions of its update above (Java's floating point is strict,
    // so the results are bit for bit the same) and writes nothing; x * 0.0 is 0 for a finite x and
    // NaN for an infinite or NaN one, so one sum tells whether any new value would be non-finite.
    // Adam's first tries a bound that needs no division, and computes the expressions only when the
    // bound cannot vouch for the step.

    /** Whether sgdUpdate would leave every w in [off, off + n) finite. */
    public static boolean sgdFinite(int off, int n, double lr, double[] w, double[] g) {
        double z = 0;
        for (int i = off; i < off + n; i++) z += (w[i] - lr * g[i]) * 0.0;
        return z == 0.0;
    }

    /** Whether momentumUpdate would leave every v and w in [off, off + n) finite. */
    public static boolean momentumFinite(int off, int n, double lr, double beta, double[] w, double[] g, double[] v) {
        double z = 0;
        for (int i = off; i < off + n; i++) {
            double vi = beta * v[i] + (1 - beta) * g[i];
            z += vi * 0.0 + (w[i] - lr * vi) * 0.0;
        }
        return z == 0.0;
    }

    /** Whether rmspropUpdate would leave every s and w in [off, off + n) finite. */
    public static boolean rmspropFinite(int off, int n, double lr, double rho, double eps, double[] w, double[] g,
                                        double[] s) {
        double z = 0;
        for (int i = off; i < off + n; i++) {
            double si = rho * s[i] + (1 - rho) * g[i] * g[i];
            z += si * 0.0 + (w[i] - lr * g[i] / (Math.sqrt(si) + eps)) * 0.0;
        }
        return z == 0.0;
    }

    /**
     * Whether adamUpdate would leave every m, v and w in [off, off + n) finite. First a test without
     * division that is sufficient (see {@link #adamStepBound}), which settles it in the ordinary case at
     * memory speed; only when it fails, the exact dry run. Either way the answer is the exact one.
     */
    public static boolean adamFinite(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                                     double[] w, double[] g, double[] m, double[] v) {
        boolean simd = Backend.simd() && n >= MIN;
        double k = adamStepBound(lr, eps, c1, c2);
        if (k >= 0 && (simd ? VecOps.adamSurelyFinite(off, n, b1, b2, k, w, g, m, v)
                : adamSurelyFinite(off, n, b1, b2, k, w, g, m, v))) {
            return true;
        }
        return simd ? VecOps.adamExactFinite(off, n, lr, b1, b2, eps, c1, c2, w, g, m, v)
                : adamExactFinite(off, n, lr, b1, b2, eps, c1, c2, w, g, m, v);
    }

    /**
     * The sufficient test: every new m, v finite, v not negative, and |w| + |new m| k under SURELY_FINITE
     * for every element of [off, off + n); then every new w is finite.
     */
    static boolean adamSurelyFinite(int off, int n, double b1, double b2, double k,
                                    double[] w, double[] g, double[] m, double[] v) {
        double z = 0, most = 0, least = 0;
        for (int i = off; i < off + n; i++) {
            double mi = b1 * m[i] + (1 - b1) * g[i];
            double vi = b2 * v[i] + (1 - b2) * g[i] * g[i];
            double bound = Math.abs(w[i]) + Math.abs(mi) * k;
            z += vi * 0.0 + bound * 0.0;
            most = Math.max(most, bound);
            least = Math.min(least, vi);
        }
        return z == 0.0 && most < SURELY_FINITE && least >= 0;
    }

    /** The exact dry run of adamUpdate on [off, off + n): its expressions, nothing written. */
    static boolean adamExactFinite(int off, int n, double lr, double b1, double b2, double eps, double c1, double c2,
                                   double[] w, double[] g, double[] m, double[] v) {
        double z = 0, a = lr / c1, r = 1 / c2;
        for (int i = off; i < off + n; i++) {
            double mi = b1 * m[i] + (1 - b1) * g[i];
            double vi = b2 * v[i] + (1 - b2) * g[i] * g[i];
            z += mi * 0.0 + vi * 0.0 + (w[i] - mi * a / (Math.sqrt(vi * r) + eps)) * 0.0;
        }
        return z == 0.0;
    }

    /**
     * For the sufficient test of an Adam step: k = |lr| / c1 * max(1, 1 / eps), or -1 when it cannot be used
     * (eps, c1 or c2 not positive, 1 / c2 or k not finite). With the new v finite and not negative, v / c2
     * is not NaN and the step's denominator sqrt(v / c2) + eps is at least eps, so both m lr / c1 (computed
     * first) and the step are at most |m| k in size (to a few roundings); when |w| + |m| k stays under
     * {@link #SURELY_FINITE} for every element (and m, v are finite), every new w is.
     */
    static double adamStepBound(double lr, double eps, double c1, double c2) {
        if (!(eps > 0) || !(c1 > 0) || !(c2 > 0) || !Double.isFinite(1 / c2)) return -1;
        double k = Math.abs(lr) / c1 * Math.max(1, 1 / eps);
        return Double.isFinite(k) ? k : -1;
    }

    /** Far below Double.MAX_VALUE (1.8e308), so a few roundings of a bound under it cannot overflow. */
    static final double SURELY_FINITE = 1e300;
}
