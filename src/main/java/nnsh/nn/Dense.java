package nnsh.nn;

import nnsh.core.Gemm;
import nnsh.core.Ops;

/**
 * A fully connected layer. The math in the tutorials' convention (X is features x examples):
 * <pre>
 *   forward   Z = W A_prev + b            W: out x in, b: out x 1, A_prev: in x m, Z: out x m
 *             A = f(Z)
 *   backward  dW = dZ A_prev^T            (summed over the batch; divided by m when reduced)
 *             db = sum over examples of dZ
 *             dA_prev = W^T dZ
 * </pre>
 * In memory activations are stored transposed, one example per row (m x in, m x out), so a
 * block of examples is a contiguous slice: Z = A_prev W^T + 1 b^T, dW = dZ^T A_prev, dA_prev = dZ W.
 */
public final class Dense {
    public final int in;
    public final int out;
    public final Activation activation;
    /** out x in, row-major: w[o * in + i] is the weight from input i to unit o. */
    public final double[] w;
    /** out. */
    public final double[] b;
    /** Gradient of the mean loss over the last batch, same shapes as w and b. */
    public final double[] dw;
    public final double[] db;

    public Dense(int in, int out, Activation activation) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.w = new double[out * in];
        this.b = new double[out];
        this.dw = new double[out * in];
        this.db = new double[out];
    }

    /**
     * Z = A_prev W^T + 1 b^T; A = f(Z).   A_prev: rows x in at aPrev[aOff], Z, A: rows x out.
     * lse, when not null (a softmax output), receives each row's log-sum-exp of Z.
     */
    void forward(int rows, double[] aPrev, int aOff, double[] z, double[] a, double[] lse) {
        product(rows, aPrev, aOff, z);
        biasAndActivation(rows, z, a, lse);
    }

    /** Z += 1 b^T; A = f(Z): the rest of the forward step once Z holds the product. */
    void biasAndActivation(int rows, double[] z, double[] a, double[] lse) {
        Ops.addRowVector(rows, out, b, z, 0);
        activation.forward(rows, out, z, a, lse);
    }

    /** Z = A_prev W^T, without the bias. */
    void product(int rows, double[] aPrev, int aOff, double[] z) {
        Gemm.gemm(false, true, rows, out, in, 1.0, aPrev, aOff, in, w, 0, in, 0.0, z, 0, out);
    }

    /**
     * Given dZ (rows x out): gw += dZ^T A_prev, gb += column sums of dZ (gw = .., gb = .. when first),
     * and if daPrev is not null dA_prev = dZ W (rows x in).
     */
    void backward(int rows, double[] aPrev, int aOff, double[] dz, double[] gw, double[] gb, double[] daPrev,
                  boolean first) {
        Gemm.gemm(true, false, out, in, rows, 1.0, dz, 0, out, aPrev, aOff, in, first ? 0.0 : 1.0, gw, 0, in);
        biasGradient(rows, dz, gb, first);
        if (daPrev != null) {
            Gemm.gemm(false, false, rows, in, out, 1.0, dz, 0, out, w, 0, in, 0.0, daPrev, 0, in);
        }
    }

    /** gb += column sums of dZ (gb = .. when first). */
    void biasGradient(int rows, double[] dz, double[] gb, boolean first) {
        if (first) java.util.Arrays.fill(gb, 0.0);
        Ops.addColumnSums(rows, out, dz, 0, gb);
    }

    /** "Dense 784->10 relu". */
    @Override
    public String toString() {
        return "Dense " + in + "->" + out + " " + activation.id;
    }

    public int parameterCount() {
        return w.length + b.length;
    }
}
