package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each update rule against steps worked out by hand. */
class OptimizerTest {
    static Dense layer(double w, double g) {
        Dense d = new Dense(1, 1, Activation.IDENTITY);
        d.w[0] = w;
        d.dw[0] = g;
        d.b[0] = 0;
        d.db[0] = 0;
        return d;
    }

    @Test
    void gradientDescent() {
        Dense d = layer(1.0, 0.5);
        new Optimizer(Optimizer.Kind.GD, 0.1).step(List.of(d));
        assertEquals(0.95, d.w[0], 1e-15);
    }

    @Test
    void momentumTwoSteps() {
        Dense d = layer(1.0, 0.5);
        Optimizer o = new Optimizer(Optimizer.Kind.MOMENTUM, 0.1);
        o.step(List.of(d)); // v = 0.1 * 0.5 = 0.05; w = 1 - 0.1 * 0.05
        assertEquals(0.995, d.w[0], 1e-15);
        o.step(List.of(d)); // v = 0.9 * 0.05 + 0.05 = 0.095; w = 0.995 - 0.0095
        assertEquals(0.9855, d.w[0], 1e-15);
    }

    @Test
    void rmsprop() {
        Dense d = layer(1.0, 0.5);
        new Optimizer(Optimizer.Kind.RMSPROP, 0.1).step(List.of(d)); // s = 0.1 * 0.25; w = 1 - 0.1 * 0.5 / sqrt(0.025)
        assertEquals(1 - 0.05 / (Math.sqrt(0.025) + 1e-8), d.w[0], 1e-15);
        assertEquals(0.683772234, d.w[0], 1e-7); // 0.05 / sqrt(0.025) = 0.316227766, eps shifts the 8th digit
    }

    @Test
    void adamIsBiasCorrected() {
        Dense d = layer(1.0, 0.5);
        Optimizer o = new Optimizer(Optimizer.Kind.ADAM, 0.1);
        o.step(List.of(d)); // m^ = 0.5, v^ = 0.25: the first step is lr * sign(g)
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), d.w[0], 1e-15);
        d.dw[0] = -1.0;
        o.step(List.of(d));
        double m = 0.9 * 0.05 + 0.1 * -1.0, v = 0.999 * 0.00025 + 0.001 * 1.0;
        double mh = m / (1 - 0.81), vh = v / (1 - 0.999 * 0.999);
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * mh / (Math.sqrt(vh) + 1e-8), d.w[0], 1e-14);
        assertEquals(2, o.t);
    }
}
