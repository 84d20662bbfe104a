package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnsh.core.Rng;

/** Backprop against central differences: every activation, every loss, and a 3-layer network. */
class GradientCheckTest {
    static final double H = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Activation hidden : new Activation[] {Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH}) {
            a.add(Arguments.of(new int[] {6, 5, 4, 3}, hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        }
        a.add(Arguments.of(new int[] {6, 5, 3}, Activation.TANH, Activation.SIGMOID, Loss.SQUARED_ERROR));
        a.add(Arguments.of(new int[] {6, 5, 3}, Activation.SIGMOID, Activation.SIGMOID, Loss.CROSS_ENTROPY));
        a.add(Arguments.of(new int[] {6, 5, 3}, Activation.RELU, Activation.IDENTITY, Loss.SQUARED_ERROR));
        a.add(Arguments.of(new int[] {6, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.SQUARED_ERROR));
        a.add(Arguments.of(new int[] {6, 3}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
        return a.stream();
    }

    @ParameterizedTest(name = "{1} hidden, {2} output, {3}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferences(int[] sizes, Activation hidden, Activation output, Loss loss) {
        Rng rng = new Rng(42);
        Network net = Network.build(sizes, new Activation[] {hidden}, output, loss);
        net.initialize(Init.GLOROT, rng);
        for (Dense d : net.layers()) for (int i = 0; i < d.b.length; i++) d.b[i] = 0.1 * rng.nextGaussian();
        int m = 7; // odd count: partitions and blocks of unequal sizes
        double[] x = new double[m * sizes[0]];
        int[] y = new int[m];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
        for (int i = 0; i < m; i++) y[i] = rng.nextInt(sizes[sizes.length - 1]);
        try (Workers w = new Workers(2)) {
            net.gradient(x, y, null, 0, m, w);
            for (int l = 0; l < net.depth(); l++) {
                Dense d = net.layer(l);
                double[] gw = d.dw.clone(), gb = d.db.clone();
                double err = Math.max(relError(net, d.w, gw, x, y, m, w), relError(net, d.b, gb, x, y, m, w));
                assertTrue(err < 1e-6, "layer " + (l + 1) + ": relative error " + err);
            }
        }
    }

    /**
     * Wide networks take whole-batch products instead of partitions of blocks (central differences are too
     * noisy at this width): the two paths must agree to rounding, on full batches and on shuffled batches.
     */
    @org.junit.jupiter.api.Test
    void wideGradientMatchesTheBlockPath() {
        int[][] shapes = {{6, Network.WIDE + 3, 3}, {5, 4, Network.WIDE, 3}, {9, Network.WIDE + 1, Network.WIDE, 10}};
        for (int[] sizes : shapes) {
            Rng rng = new Rng(43);
            Network wide = Network.build(sizes, new Activation[] {Activation.TANH}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            wide.initialize(Init.GLOROT, rng);
            Network blocks = new Network(wide.layers(), wide.loss, false, true, true);
            assertTrue(wide.wide && !blocks.wide);
            int m = Network.WIDE_CHUNK + 301;
            double[] x = new double[m * sizes[0]];
            int[] y = new int[m], index = new int[m];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
            for (int i = 0; i < m; i++) {
                y[i] = rng.nextInt(sizes[sizes.length - 1]);
                index[i] = i;
            }
            rng.shuffle(index);
            try (Workers w = new Workers(2)) {
                for (int[] idx : new int[][] {null, index}) {
                    for (int count : new int[] {m, 500}) {
                        Network.Result rw = wide.gradient(x, y, idx, idx == null ? 0 : 17, count - 17, w);
                        double[][] g = new double[2 * wide.depth()][];
                        for (int l = 0; l < wide.depth(); l++) {
                            g[2 * l] = wide.layer(l).dw.clone();
                            g[2 * l + 1] = wide.layer(l).db.clone();
                        }
                        Network.Result rb = blocks.gradient(x, y, idx, idx == null ? 0 : 17, count - 17, w);
                        assertTrue(Math.abs(rw.loss - rb.loss) <= 1e-12 * Math.abs(rb.loss), rw.loss + " vs " + rb.loss);
                        assertTrue(rw.correct == rb.correct);
                        for (int l = 0; l < wide.depth(); l++) {
                            close(g[2 * l], blocks.layer(l).dw);
                            close(g[2 * l + 1], blocks.layer(l).db);
                        }
                    }
                }
            }
        }
    }

    static void close(double[] got, double[] want) {
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < got.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-12 * scale + 1e-300, i + ": " + got[i] + " vs " + want[i]);
        }
    }

    /** max over parameters of |analytic - numeric| / max(|analytic| + |numeric|, 1e-7). */
    static double relError(Network net, double[] p, double[] analytic, double[] x, int[] y, int m, Workers w) {
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double old = p[i];
            p[i] = old + H;
            double lp = net.evaluate(x, y, null, 0, m, w, null, null).loss;
            p[i] = old - H;
            double lm = net.evaluate(x, y, null, 0, m, w, null, null).loss;
            p[i] = old;
            double num = (lp - lm) / (2 * H);
            double e = Math.abs(analytic[i] - num) / Math.max(Math.abs(analytic[i]) + Math.abs(num), 1e-7);
            worst = Math.max(worst, e);
        }
        return worst;
    }
}
