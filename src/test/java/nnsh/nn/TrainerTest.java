package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.core.Rng;

class TrainerTest {
    /** Two well separated blobs per class: any working engine learns them. */
    static double[] blobs(int m, int[] y, Rng r) {
        double[] x = new double[m * 2];
        for (int i = 0; i < m; i++) {
            y[i] = i % 3;
            x[2 * i] = Math.cos(y[i] * 2.1) + 0.1 * r.nextGaussian();
            x[2 * i + 1] = Math.sin(y[i] * 2.1) + 0.1 * r.nextGaussian();
        }
        return x;
    }

    @Test
    void learnsSeparableClassesWithEveryOptimizer() {
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            int m = 300;
            int[] y = new int[m];
            double[] x = blobs(m, y, new Rng(1));
            Network net = Network.build(new int[] {2, 8, 3}, new Activation[] {Activation.TANH}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            net.initialize(Init.GLOROT, new Rng(2));
            Trainer t = new Trainer(net, new Optimizer(k, Optimizer.defaultLearningRate(k) * 5), 1);
            t.setData(x, y, m);
            t.setBatchSize(32);
            try (Workers w = new Workers(2)) {
                double first = t.step(w).loss;
                for (int i = 0; i < 300; i++) t.step(w);
                Network.Result r = net.evaluate(x, y, null, 0, m, w, null, null);
                assertTrue(r.loss < first / 2, k + ": loss " + first + " -> " + r.loss);
                assertTrue(r.accuracy > 0.95, k + ": accuracy " + r.accuracy);
            }
        }
    }

    @Test
    void epochsAndIterationsAreCounted() {
        int m = 100;
        int[] y = new int[m];
        double[] x = blobs(m, y, new Rng(1));
        Network net = Network.build(new int[] {2, 3}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.GD, 0.1), 1);
        t.setData(x, y, m);
        t.setBatchSize(30);
        assertEquals(4, t.iterationsPerEpoch());
        try (Workers w = new Workers(1)) {
            for (int i = 0; i < 5; i++) t.step(w);
        }
        assertEquals(5, t.iteration());
        assertEquals(1, t.epoch());
        assertEquals(30, t.cursor());
        assertEquals(5, t.history.size());
    }

    @Test
    void nonFiniteLossStopsWithoutUpdating() {
        int m = 10;
        int[] y = new int[m];
        double[] x = blobs(m, y, new Rng(1));
        Network net = Network.build(new int[] {2, 3}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.layer(0).w[0] = Double.NaN;
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.GD, 0.1), 1);
        t.setData(x, y, m);
        double b0 = net.layer(0).b[1];
        try (Workers w = new Workers(1)) {
            assertThrows(Trainer.NonFiniteException.class, () -> t.step(w));
        }
        assertEquals(0, t.iteration());
        assertEquals(b0, net.layer(0).b[1]);
    }
}
