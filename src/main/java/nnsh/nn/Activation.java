package nnsh.nn;

import java.util.Locale;

import nnsh.core.Ops;

/**
 * Activation functions, applied to a block of rows x cols values (rows = examples, cols = units).
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

    /**
     * A = f(Z) over rows x cols; for softmax, when lse is not null, also each row's log-sum-exp of Z (what
     * the cross-entropy needs, so that it takes no exponentials of its own). Other activations ignore lse.
     */
    public void forward(int rows, int cols, double[] z, double[] a, double[] lse) {
        int n = rows * cols;
        switch (this) {
            case RELU: Ops.relu(n, z, a); break;
            case LEAKY_RELU: Ops.leakyRelu(n, LEAKY_SLOPE, z, a); break;
            case SIGMOID: Ops.sigmoid(n, z, a); break;
            case TANH: Ops.tanh(n, z, a); break;
            case SOFTMAX: Ops.softmaxRows(rows, cols, z, a, lse); break;
            case IDENTITY: System.arraycopy(z, 0, a, 0, n); break;
            default: throw new AssertionError(this);
        }
    }

    /** dZ = dA * f'(Z) over rows x cols. */
    public void backward(int rows, int cols, double[] z, double[] a, double[] da, double[] dz) {
        int n = rows * cols;
        switch (this) {
            case RELU: Ops.reluBackward(n, z, da, dz); break;
            case LEAKY_RELU: Ops.leakyReluBackward(n, LEAKY_SLOPE, z, da, dz); break;
            case SIGMOID: Ops.sigmoidBackward(n, a, da, dz); break;
            case TANH: Ops.tanhBackward(n, a, da, dz); break;
            case IDENTITY: System.arraycopy(da, 0, dz, 0, n); break;
            case SOFTMAX:
                // dz_j = a_j (da_j - sum_k da_k a_k)
                for (int r = 0; r < rows; r++) {
                    int o = r * cols;
                    double s = Ops.dot(cols, da, o, a, o);
                    for (int j = 0; j < cols; j++) dz[o + j] = a[o + j] * (da[o + j] - s);
                }
                break;
            default: throw new AssertionError(this);
        }
    }
}
