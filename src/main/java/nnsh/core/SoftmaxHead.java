package nnsh.core;

/**
 * The output layer of a classifier, forward and backward in one pass over a block of rows: a dense
 * product, softmax and cross-entropy, then the layer's gradient and the gradient of its input.
 * <pre>
 *   Z  = A W^T + 1 b^T            A: rows x in, W: out x in, b: out          Z: rows x out
 *   P  = softmax(Z) per row;  loss = sum over rows of lse(Z_r) - Z_r[y_r];  correct: argmax P_r == y_r
 *   dZ = P - Y                    Y: one-hot rows of the labels
 *   gW = dZ^T A,  gb = column sums of dZ                    (over all the blocks from begin to sums)
 *   dA = dZ W,  and when relu: dA * (A > 0), the gradient of a ReLU layer's Z below (A = relu(Z))
 * </pre>
 * Unfused, these are seven passes over small row-major blocks (two 10-wide products, softmax, argmax,
 * loss, dZ^T A, dZ W), each too narrow for a vector. Here eight rows go side by side, one lane each
 * ({@link #G}): every step is element-wise across lanes, so a vector holds one value of eight examples.
 *
 * <p>The numbers depend on the data alone: the products are FMA chains in index order, the batch sums
 * are kept per lane (row r of a block in lane r mod 8) over all the blocks from {@link #begin} and added
 * lane 0 to 7 by {@link #sums}, exponentials come from {@link Exp}. The plain loops below and {@code VecSoftmaxHead} do the same
 * operations in the same order, so both give the same bits on any vector width.
 */
public final class SoftmaxHead {
    private SoftmaxHead() {}

    /** Rows side by side: a group. */
    public static final int G = 8;
    /** The widest input and output the head takes (its per-lane sums of gW are out x in x G doubles). */
    public static final int MAX_IN = 64, MAX_OUT = 16;

    public static boolean fits(int in, int out) {
        return in >= 1 && in <= MAX_IN && out >= 2 && out <= MAX_OUT;
    }

    /** Buffers for one thread's blocks, sized for in x out (made once per network). */
    public static final class Scratch {
        final int in, out;
        /** A of the group, transposed: aT[i * G + lane]. */
        final double[] aT;
        /** Z, then exp(Z - max), then P; dZ; per-lane sums of gW and gb; dA. All [index * G + lane]. */
        final double[] zT, eT, dzT, accW, accB, daT;
        /** Per lane: max of Z, sum of exponentials, label (-1 in a lane past the block's rows), argmax. */
        final double[] max, sum, label, best;
        /** Outputs of the last block: its summed loss and right predictions. */
        public double loss;
        public int correct;

        public Scratch(int in, int out) {
            if (!fits(in, out)) throw new IllegalArgumentException("head " + in + " -> " + out);
            this.in = in;
            this.out = out;
            aT = new double[in * G];
            zT = new double[out * G];
            eT = new double[out * G];
            dzT = new double[out * G];
            accW = new double[out * in * G];
            accB = new double[out * G];
            daT = new double[in * G];
            max = new double[G];
            sum = new double[G];
            label = new double[G];
            best = new double[G];
        }
    }

    /** Starts the sums of gW and gb: the blocks that follow add into them. */
    public static void begin(Scratch s) {
        java.util.Arrays.fill(s.accW, 0.0);
        java.util.Arrays.fill(s.accB, 0.0);
    }

    /**
     * Whether the Vector API steps run: SIMD on, and G (8) a whole number of vectors (up to 8 lanes, which
     * every double species on today's machines is).
     */
    static boolean vector() {
        return Backend.simd() && G % VecSoftmaxHead.L == 0;
    }

    /**
     * The head over rows examples: A at a[aOff ..] (rows x in), labels y[0 .. rows), W (out x in), b. Adds
     * to the sums of gW and gb, writes dA into da (rows x in, gated by A > 0 when relu), and the block's loss
     * sum and right predictions into s.loss and s.correct.
     */
    public static void block(Scratch s, int rows, double[] a, int aOff, int[] y, double[] w, double[] b,
                             double[] da, boolean relu) {
        int in = s.in, out = s.out;
        s.loss = 0;
        s.correct = 0;
        boolean simd = vector();
        for (int r0 = 0; r0 < rows; r0 += G) {
            int nr = Math.min(G, rows - r0);
            load(s, nr, a, aOff + r0 * in, y, r0);
            if (simd) VecSoftmaxHead.forward(s, w, b);
            else forward(s, w, b);
            Exp.expInPlace(s.eT, 0, out * G);
            if (simd) VecSoftmaxHead.backward(s, w, relu);
            else backward(s, w, relu);
            finish(s, nr, da, r0 * in);
        }
    }

    /** gW and gb over the blocks since {@link #begin}: each element's lanes added 0 to 7. */
    public static void sums(Scratch s, double[] gw, double[] gb) {
        for (int o = 0; o < s.out * s.in; o++) gw[o] = add(s.accW, o * G);
        for (int j = 0; j < s.out; j++) gb[j] = add(s.accB, j * G);
    }

    /** Lanes 0 .. G-1 of v from off, added in order. */
    private static double add(double[] v, int off) {
        double t = v[off];
        for (int l = 1; l < G; l++) t += v[off + l];
        return t;
    }

    /** The group's A transposed into aT (zero past nr rows) and its labels (-1 past nr). */
    private static void load(Scratch s, int nr, double[] a, int off, int[] y, int r0) {
        int in = s.in;
        for (int l = 0; l < G; l++) {
            if (l < nr) {
                for (int i = 0, src = off + l * in; i < in; i++) s.aT[i * G + l] = a[src + i];
                s.label[l] = y[r0 + l];
            } else {
                for (int i = 0; i < in; i++) s.aT[i * G + l] = 0.0;
                s.label[l] = -1;
            }
        }
    }

    /** Z = W a + b per lane (FMA chain over i), the lane's max, and Z - max into eT for the exponentials. */
    static void forward(Scratch s, double[] w, double[] b) {
        int in = s.in, out = s.out;
        for (int l = 0; l < G; l++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < out; j++) {
                double acc = 0;
                for (int i = 0; i < in; i++) acc = Math.fma(w[j * in + i], s.aT[i * G + l], acc);
                double z = acc + b[j];
                s.zT[j * G + l] = z;
                m = Math.max(m, z);
            }
            s.max[l] = m;
            for (int j = 0; j < out; j++) s.eT[j * G + l] = s.zT[j * G + l] - m;
        }
    }

    /**
     * From the exponentials: P, argmax, dZ = P - Y (0 in lanes past the rows), the per-lane sums of gW and
     * gb, and dA = dZ W (FMA chain over j), gated by A > 0 when relu.
     */
    static void backward(Scratch s, double[] w, boolean relu) {
        int in = s.in, out = s.out;
        for (int l = 0; l < G; l++) {
            double sum = 0;
            for (int j = 0; j < out; j++) sum += s.eT[j * G + l];
            s.sum[l] = sum;
            double inv = 1.0 / sum, y = s.label[l], keep = y >= 0 ? 1.0 : 0.0;
            double best = s.eT[l] * inv, arg = 0;
            for (int j = 0; j < out; j++) {
                double p = s.eT[j * G + l] * inv;
                if (p > best) {
                    best = p;
                    arg = j;
                }
                double dz = (p - (y == j ? 1.0 : 0.0)) * keep;
                s.dzT[j * G + l] = dz;
                s.accB[j * G + l] += dz;
                for (int i = 0; i < in; i++) {
                    int o = (j * in + i) * G + l;
                    s.accW[o] = Math.fma(dz, s.aT[i * G + l], s.accW[o]);
                }
            }
            s.best[l] = arg;
            for (int i = 0; i < in; i++) {
                double acc = 0;
                for (int j = 0; j < out; j++) acc = Math.fma(w[j * in + i], s.dzT[j * G + l], acc);
                s.daT[i * G + l] = relu && !(s.aT[i * G + l] > 0) ? 0.0 : acc;
            }
        }
    }

    /** Per row of the group, in order: loss lse - Z[y], right predictions, and dA back to row-major. */
    private static void finish(Scratch s, int nr, double[] da, int daOff) {
        int in = s.in;
        for (int l = 0; l < nr; l++) {
            int y = (int) s.label[l];
            s.loss += s.max[l] + Math.log(s.sum[l]) - s.zT[y * G + l];
            if ((int) s.best[l] == y) s.correct++;
            for (int i = 0, d = daOff + l * in; i < in; i++) da[d + i] = s.daT[i * G + l];
        }
    }
}
