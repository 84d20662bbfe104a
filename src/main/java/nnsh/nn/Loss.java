package nnsh.nn;

import java.util.Locale;

/**
 * Losses, per example, averaged over the m examples of a batch by the caller:
 * <pre>
 *   cross-entropy, softmax output:  L = -log a_y            = logsumexp(z) - z_y
 *   cross-entropy, sigmoid output:  L = sum_j -(y_j log a_j + (1 - y_j) log(1 - a_j))
 *   squared error:                  L = 1/2 sum_j (a_j - y_j)^2
 * </pre>
 * y is the one-hot label. Cross-entropy is computed from the logits z, so it stays finite
 * where a_y rounds to 0; its gradient with respect to z is then simply dZ = A - Y.
 */
public enum Loss {
    CROSS_ENTROPY("ce"),
    SQUARED_ERROR("mse");

    public final String id;

    Loss(String id) {
        this.id = id;
    }

    public static Loss parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "ce": case "crossentropy": case "cross-entropy": case "xent": case "logloss": return CROSS_ENTROPY;
            case "mse": case "squared": case "squared-error": case "se": case "l2": return SQUARED_ERROR;
            default: throw new IllegalArgumentException("unknown loss '" + s + "' (expected ce or mse)");
        }
    }

    /** Whether this loss can follow the given output activation. */
    public static String checkPair(Activation output, Loss loss) {
        if (loss == CROSS_ENTROPY && !(output == Activation.SOFTMAX || output == Activation.SIGMOID))
            return "cross-entropy needs a softmax or sigmoid output, not " + output.id;
        return null;
    }

    /**
     * Sum over the rows of the block of the per-example loss, and the gradient dZ of that sum
     * with respect to the output pre-activations (not yet divided by m).
     *
     * @param z      rows x k output pre-activations
     * @param a      rows x k output activations
     * @param lse    each row's log-sum-exp of z, from the softmax: needed for cross-entropy on a softmax
     *               output, ignored otherwise (may be null then)
     * @param labels label of row r is labels[labelOff + r]
     * @param dz     rows x k, written
     * @param da     rows x k scratch (used by squared error)
     */
    public double lossAndGradient(Activation out, int rows, int k, double[] z, double[] a, double[] lse,
                                  int[] labels, int labelOff, int[] rowIndex, double[] dz, double[] da) {
        double total = 0;
        if (this == CROSS_ENTROPY) {
            for (int r = 0; r < rows; r++) {
                int y = label(labels, labelOff, rowIndex, r);
                int o = r * k;
                if (out == Activation.SOFTMAX) {
                    total += lse[r] - z[o + y];
                } else { // sigmoid, binary cross-entropy per unit: softplus(z) - y z
                    for (int j = 0; j < k; j++) {
                        double zj = z[o + j];
                        double softplus = Math.max(zj, 0) + Math.log1p(Math.exp(-Math.abs(zj)));
                        total += softplus - (j == y ? zj : 0);
                    }
                }
                for (int j = 0; j < k; j++) dz[o + j] = a[o + j] - (j == y ? 1.0 : 0.0);
            }
            return total;
        }
        for (int r = 0; r < rows; r++) {
            int y = label(labels, labelOff, rowIndex, r);
            int o = r * k;
            for (int j = 0; j < k; j++) {
                double d = a[o + j] - (j == y ? 1.0 : 0.0);
                da[o + j] = d;
                total += 0.5 * d * d;
            }
        }
        out.backward(rows, k, z, a, da, dz);
        return total;
    }

    static int label(int[] labels, int labelOff, int[] rowIndex, int r) {
        return rowIndex == null ? labels[labelOff + r] : labels[rowIndex[labelOff + r]];
    }
}
