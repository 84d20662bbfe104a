package nnsh.nn;

import java.util.Locale;

import nnsh.core.Rng;

/** Weight initializers. Weights are drawn row by row, layer by layer, from one seeded Rng. */
public enum Init {
    /** The tutorials': W and b uniform in [-0.5, 0.5). */
    UNIFORM("uniform"),
    /** Normal(0, 1) x 0.01, biases 0. */
    NORMAL("normal"),
    /** He: Normal(0, 2 / fan_in), biases 0; suits ReLU. */
    HE("he"),
    /** Glorot (Xavier) uniform: U(-r, r), r = sqrt(6 / (fan_in + fan_out)), biases 0; Keras's default. */
    GLOROT("glorot");

    public final String id;

    Init(String id) {
        this.id = id;
    }

    public static Init parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "uniform": return UNIFORM;
            case "normal": case "small": return NORMAL;
            case "he": case "kaiming": return HE;
            case "glorot": case "xavier": return GLOROT;
            default: throw new IllegalArgumentException("unknown init '" + s + "' (expected uniform, normal, he or glorot)");
        }
    }

    public void apply(Dense layer, Rng rng) {
        double[] w = layer.w;
        switch (this) {
            case UNIFORM:
                for (int i = 0; i < w.length; i++) w[i] = rng.nextDouble() - 0.5;
                for (int i = 0; i < layer.b.length; i++) layer.b[i] = rng.nextDouble() - 0.5;
                return;
            case NORMAL:
                for (int i = 0; i < w.length; i++) w[i] = 0.01 * rng.nextGaussian();
                break;
            case HE: {
                double sd = Math.sqrt(2.0 / layer.in);
                for (int i = 0; i < w.length; i++) w[i] = sd * rng.nextGaussian();
                break;
            }
            case GLOROT: {
                double r = Math.sqrt(6.0 / (layer.in + layer.out));
                for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-r, r);
                break;
            }
            default: throw new AssertionError(this);
        }
        java.util.Arrays.fill(layer.b, 0.0);
    }
}
