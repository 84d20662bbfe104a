package nnsh.nn;

import java.util.Locale;

import nnsh.core.Ops;

/**
 * Activation functions, applied to a block of rows x cols values (rows = examples, cols = units), or,
 * all but softmax, to any element range of it (what a wide network's row chunks use).
 * forward:  A = f(Z)
 * backward: dZ = dA * f'(Z), given Z and A (softmax uses its full Jacobian per row).
 */
public enum Activation {
    RELU("relu"),
    LEAKY_RELU("leaky"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    SOFTMAX("softmax"),
    IDENTITY("identity");

    /** Slope of leaky ReLU for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    public final String id;

    Activation(String id) {
        this.id = id;
    }

    public static Activation parse(String s) {
        String k = s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        switch (k) {
            case "relu": return RELU;
            case "leaky": case "leakyrelu": case "lrelu": return LEAKY_RELU;
            case "sigmoid": case "logistic": return SIGMOID;
            case "tanh": return TANH;
            case "softmax": return SOFTMAX;
            case "identity": case "linear": case "none": return IDENTITY;
            default:
                throw new IllegalArgumentException("unknown activation '" + s
                        + "' (expected relu, leaky, sigmoid, tanh, softmax or identity)");
        }
    }

    public boolean hiddenAllowed() {
        return this != SOFTMAX;
    }

    /** What an output layer may use: softmax, sigmoid or identity (the losses are defined for these). */
    public boolean outputAllowed() {
        return this == SOFTMAX || this == SIGMOID || this == IDENTITY;
    }

    /** Each output element from its own input element alone (all but softmax): any element range can be done apart. */
    public boolean elementWise() {
        return this != SOFTMAX;
    }

    /**
     * A = f(Z) over rows x cols; for softmax, when lse is not null, also each row's log-sum-exp of Z (what
     * the cross-entropy needs, so that it takes no exponentials of its own). Other activations ignore lse.
     */
    public void forward(int rows, int cols, double[] z, double[] a, double[] lse) {
        if (this == SOFTMAX) Ops.softmaxRows(rows, cols, z, a, lse);
        else forwardRange(0, rows * cols, z, a);
    }

    /** A = f(Z) on elements [off, off + n) of an {@link #elementWise} activation: the bits of the whole-block call. */
    public void forwardRange(int off, int n, double[] z, double[] a) {
        switch (this) {
            case RELU: Ops.relu(off, n, z, a); break;
            case LEAKY_RELU: Ops.leakyRelu(off, n, LEAKY_SLOPE, z, a); break;
            case SIGMOID: Ops.sigmoid(off, n, z, a); break;
            case TANH: Ops.tanh(off, n, z, a); break;
            case IDENTITY: System.arraycopy(z, off, a, off, n); break;
            default: throw new UnsupportedOperationException(id + " is not element-wise");
        }
    }

    /** dZ = dA * f'(Z) over rows x cols. */
    public void backward(int rows, int cols, double[] z, double[] a, double[] da, double[] dz) {
        if (this != SOFTMAX) {
            backwardRange(0, rows * cols, z, a, da, dz);
            return;
        }
        // dz_j = a_j (da_j - sum_k da_k a_k)
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double s = Ops.dot(cols, da, o, a, o);
            for (int j = 0; j < cols; j++) dz[o + j] = a[o + j] * (da[o + j] - s);
        }
    }

    /** dZ = dA * f'(Z) on elements [off, off + n) of an {@link #elementWise} activation. */
    public void backwardRange(int off, int n, double[] z, double[] a, double[] da, double[] dz) {
        switch (this) {
            case RELU: Ops.reluBackward(off, n, z, da, dz); break;
            case LEAKY_RELU: Ops.leakyReluBackward(off, n, LEAKY_SLOPE, z, da, dz); break;
            case SIGMOID: Ops.sigmoidBackward(off, n, a, da, dz); break;
            case TANH: Ops.tanhBackward(off, n, a, da, dz); break;
            case IDENTITY: System.arraycopy(da, off, dz, off, n); break;
            default: throw new UnsupportedOperationException(id + " is not element-wise");
        }
    }
}
